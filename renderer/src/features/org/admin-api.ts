import {
  isAdminNotFound,
  type Account,
  type AccountSlips,
  type AdminNotFound,
  type PasswordReset,
} from '../../../../domain/org/admin-wire.ts'
import { ApiError, isNetworkError, type ApiClient } from '../../db/index.ts'

// The sync server's admin routes for accounts (AB-4). Accounts live on the server only (DESIGN §4): these calls
// need the network, unlike everything else on the screen.

/** `GET /api/admin/status`: whether the school's accounts still follow its address book. */
export interface ServerStatus {
  accounts: { ok: true } | { ok: false; failedAt: number; message: string }
}

export function accountsByPerson(accounts: readonly Account[]): Map<string, Account> {
  return new Map(accounts.map((a) => [a.personId, a]))
}

/** Why an admin call failed, as the screen explains it. */
export type AdminFailure = 'offline' | 'forbidden' | AdminNotFound | 'unavailable' | 'failed'

export function adminFailure(error: unknown): AdminFailure {
  if (isNetworkError(error)) return 'offline'
  if (error instanceof ApiError && error.status === 403) return 'forbidden'
  if (error instanceof ApiError && error.status === 404 && isAdminNotFound(error.code)) return error.code
  // A server without these routes (404/405), or one that is down behind a proxy.
  if (error instanceof ApiError && [404, 405, 502, 503].includes(error.status)) return 'unavailable'
  return 'failed'
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

const path = (id: string) => encodeURIComponent(id)

export function createAdminApi(api: ApiClient) {
  return {
    status: () => api.json<ServerStatus>('/api/admin/status'),
    accounts: async () => (await api.json<{ accounts: Account[] }>('/api/admin/accounts')).accounts,
    resetPassword: (personId: string) =>
      api.json<PasswordReset>(`/api/admin/accounts/${path(personId)}/reset-password`, post({})),
    accountSlips: (classId: string) =>
      api.json<AccountSlips>(`/api/admin/account-slips?classId=${encodeURIComponent(classId)}`),
    leave: (studentId: string, on: string, reason?: string) =>
      api.json<unknown>(
        `/api/admin/students/${path(studentId)}/leave`,
        post(reason ? { on, reason } : { on }),
      ),
    transfer: (studentId: string, classId: string) =>
      api.json<unknown>(`/api/admin/students/${path(studentId)}/transfer`, post({ classId })),
  }
}

export type AdminApi = ReturnType<typeof createAdminApi>
