import type { DeviceSession } from '../../../../../domain/auth/auth-wire.ts'
import type { ApiClient } from '../../../db/index.ts'

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

/** The server's signed-in devices routes; they need the network. */
export function createDevicesApi(api: ApiClient) {
  return {
    list: async () => (await api.json<{ sessions: DeviceSession[] }>('/api/auth/sessions')).sessions,
    revoke: (sessionId: string) => api.json<unknown>('/api/auth/sessions/revoke', post({ sessionId })),
    revokeOthers: () => api.json<{ revoked: number }>('/api/auth/sessions/revoke-others', post({})),
  }
}
