import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Subject } from '../../../../domain/catalog/subject.ts'
import { ApiError, REFRESH_TOKEN_KEY } from '../../db/index.ts'
import { FakeSyncServer } from '../../db/testing/fake-sync-server.ts'
import { ADMIN, TEACHER } from '../../db/testing/node-database.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { useSyncStore } from '../sync/store.ts'
import { configureAuth } from './dependencies.ts'
import { useAuthStore } from './store.ts'
import { testAuthDependencies } from './testing.ts'

let server: FakeSyncServer

const mathDoc = {
  id: 'math',
  kind: 'subject',
  schoolId: 'demo',
  updatedAt: 1,
  name: '数学',
  enabled: true,
  _deleted: false,
}

beforeEach(() => {
  server = new FakeSyncServer({ [ADMIN.id]: ADMIN, [TEACHER.id]: TEACHER })
  server.write('catalog', mathDoc as never)
  configureAuth(testAuthDependencies(server))
  setActivePinia(createPinia())
})

afterEach(async () => {
  await useAuthStore().logout()
})

const waitFor = (check: () => unknown) => vi.waitFor(check, { timeout: 5000, interval: 20 })

describe('auth store', () => {
  it('logs in, opens the replica and lets feature stores read it live', async () => {
    const auth = useAuthStore()
    await auth.login(server.url, ADMIN.id, 'demo-2026')
    expect(auth.user).toEqual(ADMIN)
    expect(auth.isAdmin).toBe(true)
    expect(auth.session?.database.name).toMatch(/^cd_[0-9a-f]{8}_demo_u-admin$/)
    const subjects = useSubjectStore()
    await waitFor(() => expect(subjects.items.map((s: Subject) => s.name)).toEqual(['数学']))
    expect(subjects.canCreate).toBe(true)
    await subjects.insert({ name: '英语', enabled: true })
    await waitFor(() => expect(subjects.items).toHaveLength(2))
    await waitFor(() => expect(server.documents('catalog')).toHaveLength(2))
  })

  it('keeps a teacher read-only', async () => {
    const auth = useAuthStore()
    await auth.login(server.url, TEACHER.id, 'demo-2026')
    const subjects = useSubjectStore()
    await waitFor(() => expect(subjects.items).toHaveLength(1))
    expect(subjects.canCreate).toBe(false)
    const [math] = subjects.items
    expect(math && subjects.permission({ ...math, enabled: false }, math).ok).toBe(false)
  })

  it('rejects bad credentials without opening anything', async () => {
    const auth = useAuthStore()
    await expect(auth.login(server.url, 'nobody', 'x')).rejects.toBeInstanceOf(ApiError)
    expect(auth.isLoggedIn).toBe(false)
  })

  it('restores the last session at start-up without the network', async () => {
    const deps = testAuthDependencies(server)
    configureAuth(deps)
    await useAuthStore().login(server.url, ADMIN.id, 'demo-2026')
    await waitFor(() => expect(useSubjectStore().items).toHaveLength(1))
    await useAuthStore().session?.engine.stop()
    await useAuthStore().session?.database.close()

    // A restart: new stores, same settings and secrets, and no network this time.
    const offline = server.link()
    offline.online = false
    configureAuth({ ...deps, fetch: offline.fetch })
    setActivePinia(createPinia())
    const auth = useAuthStore()
    expect(await auth.restore()).toBe(true)
    expect(auth.user).toEqual(ADMIN)
    await waitFor(() => expect(useSubjectStore().items.map((s: Subject) => s.name)).toEqual(['数学']))
    await useSubjectStore().insert({ name: '离线新增', enabled: true })
    await waitFor(() => expect(useSyncStore().status).toMatchObject({ phase: 'offline', pending: 1 }))
  })

  it('logs out: closes the replica, forgets the session and the refresh token', async () => {
    const deps = testAuthDependencies(server)
    configureAuth(deps)
    const auth = useAuthStore()
    await auth.login(server.url, ADMIN.id, 'demo-2026')
    const database = auth.session?.database
    await auth.logout()
    expect(auth.isLoggedIn).toBe(false)
    expect(database?.rx.closed).toBe(true)
    expect(await deps.secrets.get(REFRESH_TOKEN_KEY)).toBeNull()
    expect(await auth.restore()).toBe(false)
    expect(await auth.rememberedServerUrl()).toBe(server.url)
  })
})

describe('sync store', () => {
  it('follows the session status and its lost edits', async () => {
    const auth = useAuthStore()
    const sync = useSyncStore()
    await auth.login(server.url, ADMIN.id, 'demo-2026')
    await waitFor(() => expect(sync.status.phase).toBe('synced'))
    await auth.session?.database.lostEdits.add([
      {
        collection: 'catalog',
        docId: 'math',
        kind: 'subject',
        title: '数学',
        field: 'name',
        mine: '算术',
        theirs: '数学',
        cause: 'conflict',
        document: { ...mathDoc, name: '算术' },
      },
    ])
    await waitFor(() => expect(sync.lostEdits).toHaveLength(1))
    expect(sync.newlyLost).toHaveLength(1)
    await sync.dismiss(sync.lostEdits[0] as never)
    await waitFor(() => expect(sync.lostEdits).toHaveLength(0))
    await auth.logout()
    expect(sync.status.phase).toBe('connecting')
  })
})
