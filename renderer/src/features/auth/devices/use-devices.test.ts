import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeviceSession } from '../../../../../domain/auth/auth-wire.ts'
import { i18n } from '../../../app/i18n.ts'
import { mountComposable } from '../../../app/testing/mount-composable.ts'
import { FakeSyncServer, type FakeLink } from '../../../db/testing/fake-sync-server.ts'
import { TEACHER } from '../../../db/testing/node-database.ts'
import { configureAuth } from '../dependencies.ts'
import { useAuthStore } from '../store.ts'
import { testAuthDependencies } from '../testing.ts'
import { useDevices } from './use-devices.ts'

const fakes = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { success: fakes.success, error: fakes.error } }))

const session = (id: string, kind: DeviceSession['device']['kind'], current = false): DeviceSession => ({
  id,
  device: { name: `${kind} of the teacher`, kind },
  createdAt: Date.UTC(2026, 8, 1, 8),
  lastUsedAt: Date.UTC(2026, 8, 2, 8),
  address: '10.0.0.7',
  current,
})

/**
 * The server's sessions routes over a fake server link (the fake sync server has none): it answers for the
 * bearer token the client sends, and `failure` makes it refuse the next request with a 500.
 */
function withSessionsRoutes(link: FakeLink) {
  const routes = {
    sessions: [session('s-this', 'desktop', true), session('s-phone', 'phone'), session('s-web', 'browser')],
    failure: null as string | null,
    revoked: [] as string[],
  }
  const answer = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  const toServer = link.fetch
  link.fetch = async (input, init = {}) => {
    const path = new URL(input).pathname
    if (!path.startsWith('/api/auth/sessions')) return toServer(input, init)
    if (!link.online) throw new TypeError('fetch failed')
    if (!new Headers(init.headers).get('Authorization')?.startsWith('Bearer ')) return answer({}, 401)
    if (routes.failure) {
      const message = routes.failure
      routes.failure = null
      return answer({ error: 'internal', message }, 500)
    }
    const gone = (ids: string[]) => {
      routes.revoked.push(...ids)
      routes.sessions = routes.sessions.filter((s) => !ids.includes(s.id))
    }
    if (path === '/api/auth/sessions/revoke') {
      gone([(JSON.parse(String(init.body)) as { sessionId: string }).sessionId])
    } else if (path === '/api/auth/sessions/revoke-others') {
      gone(routes.sessions.filter((s) => !s.current).map((s) => s.id))
    }
    return answer({ sessions: routes.sessions })
  }
  return routes
}

let unmount: (() => void) | undefined

async function openDevices() {
  const server = new FakeSyncServer({ [TEACHER.id]: TEACHER })
  const link = server.link()
  const routes = withSessionsRoutes(link)
  configureAuth(testAuthDependencies(server, link))
  const pinia = createPinia()
  setActivePinia(pinia)
  await useAuthStore().login(server.url, TEACHER.id, 'demo-2026')
  const mounted = mountComposable(() => useDevices(), [pinia, i18n])
  unmount = mounted.unmount
  await mounted.result.load()
  return { devices: mounted.result, routes, link }
}

const ids = (devices: readonly DeviceSession[]) => devices.map((d) => d.id)

beforeEach(() => {
  i18n.global.locale.value = 'en'
})

afterEach(async () => {
  unmount?.()
  unmount = undefined
  await useAuthStore().logout()
  vi.clearAllMocks()
})

describe('useDevices', () => {
  it('lists the signed-in devices, this one marked as current', async () => {
    const { devices } = await openDevices()
    expect(ids(devices.devices.value)).toEqual(['s-this', 's-phone', 's-web'])
    expect(devices.devices.value.filter((d) => d.current).map((d) => d.id)).toEqual(['s-this'])
    expect(devices.devices.value[1]).toMatchObject({ device: { kind: 'phone' }, address: '10.0.0.7' })
    expect(devices.loading.value).toBe(false)
    expect(fakes.error).not.toHaveBeenCalled()
  })

  it('signs another device out, then shows the list the server has left', async () => {
    const { devices, routes } = await openDevices()
    const phone = devices.devices.value.find((d) => d.id === 's-phone')
    if (!phone) throw new Error('the phone is not listed')
    await devices.revoke(phone)
    expect(routes.revoked).toEqual(['s-phone'])
    expect(ids(devices.devices.value)).toEqual(['s-this', 's-web'])
    expect(fakes.success).toHaveBeenCalledWith('The device was signed out')
    expect(devices.loading.value).toBe(false)
  })

  it('signs every other device out and keeps this one', async () => {
    const { devices, routes } = await openDevices()
    await devices.revokeOthers()
    expect(routes.revoked).toEqual(['s-phone', 's-web'])
    expect(ids(devices.devices.value)).toEqual(['s-this'])
    expect(fakes.success).toHaveBeenCalledWith('All other devices were signed out')
  })

  it('says why the server refused, and keeps the list as it was', async () => {
    const { devices, routes } = await openDevices()
    routes.failure = 'database unavailable'
    await devices.revokeOthers()
    expect(fakes.error).toHaveBeenCalledWith({ message: 'Failed: database unavailable', grouping: true })
    expect(fakes.success).not.toHaveBeenCalled()
    expect(ids(devices.devices.value)).toEqual(['s-this', 's-phone', 's-web'])
    expect(devices.loading.value).toBe(false)
  })

  it('says the list needs the server when the network is gone, with no stale list', async () => {
    const { devices, link } = await openDevices()
    link.cut()
    await devices.load()
    expect(fakes.error).toHaveBeenCalledWith({ message: 'Needs a connection to the server', grouping: true })
    expect(devices.devices.value).toEqual([])
    expect(devices.loading.value).toBe(false)
  })
})
