import { describe, expect, it } from 'vitest'
import { ApiError, createServerClock, NetworkError, type ApiClient } from '../../db/index.ts'
import { adminFailure, createAdminApi } from './admin-api.ts'

function recordingClient(answer: unknown) {
  const calls: { path: string; init?: RequestInit }[] = []
  const client: ApiClient = {
    serverUrl: 'http://server',
    request: () => Promise.reject(new Error('unused')),
    json: <T>(path: string, init?: RequestInit) => {
      calls.push({ path, ...(init ? { init } : {}) })
      return Promise.resolve(answer as T)
    },
    setTokens: () => Promise.resolve(),
    logout: () => Promise.resolve(),
    serverClock: createServerClock(),
  }
  return { client, calls }
}

describe('admin api', () => {
  it('calls the admin routes of the contract', async () => {
    const { client, calls } = recordingClient({ accounts: [{ personId: 'p' }] })
    const api = createAdminApi(client)
    expect(await api.accounts()).toEqual([{ personId: 'p' }])
    await api.resetPassword('demo-student-a')
    await api.accountSlips('demo-class-g7 1')
    await api.leave('s1', '2026-11-24', '转学')
    await api.leave('s1', '2026-11-24')
    await api.transfer('s1', 'c2')
    await api.status()
    expect(calls.map((c) => [c.path, c.init?.method ?? 'GET', c.init?.body])).toEqual([
      ['/api/admin/accounts', 'GET', undefined],
      ['/api/admin/accounts/demo-student-a/reset-password', 'POST', '{}'],
      ['/api/admin/account-slips?classId=demo-class-g7%201', 'GET', undefined],
      ['/api/admin/students/s1/leave', 'POST', '{"on":"2026-11-24","reason":"转学"}'],
      ['/api/admin/students/s1/leave', 'POST', '{"on":"2026-11-24"}'],
      ['/api/admin/students/s1/transfer', 'POST', '{"classId":"c2"}'],
      ['/api/admin/status', 'GET', undefined],
    ])
  })

  it('explains failures: offline, not allowed, unknown person or class, a server without the routes, other refusals', () => {
    expect(adminFailure(new NetworkError('fetch failed'))).toBe('offline')
    expect(adminFailure(new ApiError(403, 'forbidden', 'no'))).toBe('forbidden')
    expect(adminFailure(new ApiError(404, 'unknownPerson', 'Unknown student: s9'))).toBe('unknownPerson')
    expect(adminFailure(new ApiError(404, 'unknownClass', 'Unknown class: c9'))).toBe('unknownClass')
    expect(adminFailure(new ApiError(404, 'Not Found', 'Route GET /api/admin/accounts not found'))).toBe(
      'unavailable',
    )
    expect(adminFailure(new ApiError(404, '', 'HTTP 404'))).toBe('unavailable')
    expect(adminFailure(new ApiError(400, 'bad', 'bad date'))).toBe('failed')
    expect(adminFailure(new Error('x'))).toBe('failed')
  })
})
