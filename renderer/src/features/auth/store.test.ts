import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { waitFor } from '../../app/testing/wait-for.ts'
import { firstValueFrom, of } from 'rxjs'
import { watch } from 'vue'
import type { Subject } from '../../../../domain/catalog/subject.ts'
import { IDBFactory } from 'fake-indexeddb'
import { ApiError, REFRESH_TOKEN_KEY } from '../../db/index.ts'
import type { NewLostEdit } from '../../db/lost-edits.ts'
import { FakeSyncServer } from '../../db/testing/fake-sync-server.ts'
import { ADMIN, TEACHER } from '../../db/testing/node-database.ts'
import { useLocationStore } from '../locations/store.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { useSyncStore } from '../sync/store.ts'
import { configureAuth } from './dependencies.ts'
import { DEFAULT_IDLE_LOCK_MINUTES, idleLockMinutesOf, useAuthStore } from './store.ts'
import { testAuthDependencies } from './testing.ts'

let server: FakeSyncServer

/** An admin of another school on the same server. */
const OTHER_SCHOOL = { id: 'u-other', schoolId: 'demo2', name: '赵校长', roles: ['admin' as const] }

const mathDoc = {
  id: 'math',
  kind: 'subject',
  schoolId: 'demo',
  updatedAt: 1,
  name: '数学',
  enabled: true,
  _deleted: false,
}

/** A lost edit of the math subject's name, as the conflict handler records one. */
function mathNameLost(): NewLostEdit {
  return {
    collection: 'catalog',
    docId: 'math',
    kind: 'subject',
    title: '数学',
    field: 'name',
    mine: '算术',
    theirs: '数学',
    cause: 'conflict',
    document: { ...mathDoc, name: '算术' },
  }
}

beforeEach(() => {
  server = new FakeSyncServer({ [ADMIN.id]: ADMIN, [TEACHER.id]: TEACHER, [OTHER_SCHOOL.id]: OTHER_SCHOOL })
  server.write('catalog', mathDoc as never)
  server.write('catalog', { ...mathDoc, id: 'chinese', schoolId: 'demo2', name: '语文' } as never)
  configureAuth(testAuthDependencies(server))
  setActivePinia(createPinia())
})

afterEach(async () => {
  await useAuthStore().logout()
})

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

  it('opens nothing for an account on its initial password until it has chosen its own', async () => {
    server.mustChangePassword.add(TEACHER.id)
    const auth = useAuthStore()
    await auth.login(server.url, TEACHER.id, '000002')
    expect(auth.session).toBeNull()
    expect(auth.passwordChange?.result.user).toEqual(TEACHER)

    await expect(auth.changeInitialPassword('short')).rejects.toMatchObject({ code: 'password_too_short' })
    expect(auth.session).toBeNull()
    await auth.changeInitialPassword('a-better-one')
    expect(auth.passwordChange).toBeNull()
    expect(auth.user).toEqual(TEACHER)
    await waitFor(() => expect(useSyncStore().status.phase).toBe('synced'))
  })

  it('ends a pending password change on the server when the user goes back', async () => {
    server.mustChangePassword.add(TEACHER.id)
    const auth = useAuthStore()
    await auth.login(server.url, TEACHER.id, '000002')
    await auth.cancelPasswordChange()
    expect(auth.passwordChange).toBeNull()
    expect(auth.session).toBeNull()
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

describe('shared PC (AUTH-5)', () => {
  it('locks: the session ends like a logout, the login page learns who was here', async () => {
    const deps = testAuthDependencies(server)
    configureAuth(deps)
    const auth = useAuthStore()
    await auth.login(server.url, TEACHER.id, 'demo-2026')
    const database = auth.session?.database
    await auth.lock()
    expect(auth.isLoggedIn).toBe(false)
    expect(auth.locked).toEqual({ serverUrl: server.url, user: TEACHER, account: TEACHER.id })
    expect(database?.rx.closed).toBe(true)
    expect(await deps.secrets.get(REFRESH_TOKEN_KEY)).toBeNull()
    expect(await auth.restore()).toBe(false)

    await auth.login(server.url, TEACHER.id, 'demo-2026')
    expect(auth.locked).toBeNull()
    expect(auth.session?.database.name).toBe(database?.name)
  })

  it('removes my data from this PC: pending changes, lost edits and queued files go, the next login syncs from scratch', async () => {
    const link = server.link()
    const indexedDB = new IDBFactory()
    configureAuth(testAuthDependencies(server, link, indexedDB))
    const auth = useAuthStore()
    const subjects = useSubjectStore()
    await auth.login(server.url, ADMIN.id, 'demo-2026')
    await waitFor(() => expect(subjects.items).toHaveLength(1))
    link.online = false
    await subjects.insert({ name: '只在本机', enabled: true })
    await auth.session?.database.lostEdits.add([mathNameLost()])
    await auth.session?.blobs.add(new Blob(['作业'], { type: 'text/plain' }), '作业.txt')
    await waitFor(() => expect(subjects.items).toHaveLength(2))
    const name = auth.session?.database.name ?? ''
    expect((await indexedDB.databases()).map((db) => db.name)).toContain(`${name}-blobs`)
    await auth.removeLocalData()
    expect(auth.isLoggedIn).toBe(false)
    expect(auth.locked).toBeNull()
    expect((await indexedDB.databases()).filter((db) => db.name?.includes(name))).toEqual([])

    link.online = true
    const pullsBefore = server.pulls.length
    await auth.login(server.url, ADMIN.id, 'demo-2026')
    await waitFor(() => expect(useSyncStore().status.initialSyncDone).toBe(true))
    expect(subjects.items.map((s: Subject) => s.name)).toEqual(['数学'])
    expect(useSyncStore().lostEdits).toEqual([])
    expect(await firstValueFrom(auth.session?.blobs.pendingUploads$ ?? of(-1))).toBe(0)
    expect(server.pulls.slice(pullsBefore).filter((p) => p.collection === 'catalog')[0]?.seq).toBe(0)
  })

  it('never shows the next user the documents of the previous one', async () => {
    const auth = useAuthStore()
    const subjects = useSubjectStore()
    const locations = useLocationStore()
    const sync = useSyncStore()
    await auth.login(server.url, ADMIN.id, 'demo-2026')
    await waitFor(() => expect(subjects.items).toHaveLength(1))
    sync.conflictsOpen = true

    const seen: string[][] = []
    watch(
      () => subjects.items,
      (items) => seen.push(items.map((s: Subject) => s.name)),
      { flush: 'sync' },
    )
    await auth.lock()
    expect(subjects.items).toEqual([])
    expect(locations.items).toEqual([])
    expect(subjects.loaded).toBe(false)
    expect(sync.conflictsOpen).toBe(false)
    expect(sync.lostEdits).toEqual([])

    await auth.login(server.url, OTHER_SCHOOL.id, 'demo-2026')
    await waitFor(() => expect(subjects.items.map((s: Subject) => s.name)).toEqual(['语文']))
    expect(seen.flat()).not.toContain('数学')
    expect(subjects.canCreate).toBe(true)
  })

  it('keeps the idle-lock minutes as a setting: default 15, 0 is off, nonsense is the default', () => {
    const deps = testAuthDependencies(server)
    configureAuth(deps)
    expect(useAuthStore().idleLockMinutes).toBe(DEFAULT_IDLE_LOCK_MINUTES)
    useAuthStore().setIdleLockMinutes(0)
    setActivePinia(createPinia())
    expect(useAuthStore().idleLockMinutes).toBe(0)
    expect([idleLockMinutesOf('5'), idleLockMinutesOf('-1'), idleLockMinutesOf('2.5')]).toEqual([5, 15, 15])
    expect(idleLockMinutesOf(null)).toBe(15)
  })

  it('remembers that this PC is shared, off by default', () => {
    configureAuth(testAuthDependencies(server))
    expect(useAuthStore().sharedPc).toBe(false)
    useAuthStore().setSharedPc(true)
    setActivePinia(createPinia())
    expect(useAuthStore().sharedPc).toBe(true)
  })
})

describe('sync store', () => {
  it('follows the session status and its lost edits', async () => {
    const auth = useAuthStore()
    const sync = useSyncStore()
    await auth.login(server.url, ADMIN.id, 'demo-2026')
    await waitFor(() => expect(sync.status.phase).toBe('synced'))
    await auth.session?.database.lostEdits.add([mathNameLost()])
    await waitFor(() => expect(sync.lostEdits).toHaveLength(1))
    expect(sync.newlyLost).toHaveLength(1)
    await sync.dismiss(sync.lostEdits[0] as never)
    await waitFor(() => expect(sync.lostEdits).toHaveLength(0))
    await auth.logout()
    expect(sync.status.phase).toBe('connecting')
  })
})
