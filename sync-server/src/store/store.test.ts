import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import { subject } from '../test-support/documents.ts'
import { openDriver, describeEachStore, type TestStore } from '../test-support/stores.ts'
import { createStore, type CommittedChange, type Store } from './index.ts'
import { TOMBSTONE_FLAG_MIGRATION } from './migrations.ts'

function writeAll(store: Store, schoolId: string, docs: WireDocument[]): Promise<null> {
  return store.writeDocuments(
    schoolId,
    'catalog',
    docs.map((d) => d.id),
    () => ({ writes: docs, result: null }),
  )
}

async function pullAll(store: Store, schoolId: string, limit = 1000) {
  const seen = []
  let seq = 0
  for (;;) {
    const batch = await store.pull(schoolId, 'catalog', seq, limit)
    seen.push(...batch)
    if (batch.length < limit) return seen
    seq = batch.at(-1)?.seq ?? seq
  }
}

const school = { id: 's1', code: 's1', name: '一中' }

describeEachStore('store ($name)', (factory) => {
  let testStore: TestStore
  let store: Store
  beforeEach(async () => {
    testStore = await factory.create()
    store = testStore.store
  })
  afterEach(() => testStore.dispose())

  describe('documents', () => {
    it('gives every write the next seq of its school and pulls in seq order', async () => {
      await writeAll(store, 's1', [subject('s1', 'a'), subject('s1', 'b')])
      await writeAll(store, 's2', [subject('s2', 'x')])
      await writeAll(store, 's1', [subject('s1', 'c')])

      expect((await store.pull('s1', 'catalog', 0, 10)).map((d) => [d.seq, d.data.id])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ])
      expect((await store.pull('s1', 'catalog', 1, 1)).map((d) => d.seq)).toEqual([2])
      expect((await store.pull('s2', 'catalog', 0, 10)).map((d) => d.seq)).toEqual([1])
      expect(await store.pull('s1', 'org', 0, 10)).toEqual([])
    })

    it('returns exactly the stored document and moves a rewritten one to a new seq', async () => {
      const doc = { ...subject('s1', 'a'), code: 'math' }
      await writeAll(store, 's1', [doc, subject('s1', 'b')])
      const tombstone = { ...doc, _deleted: true }
      await writeAll(store, 's1', [tombstone])

      expect(await store.pull('s1', 'catalog', 0, 10)).toEqual([
        { seq: 2, data: subject('s1', 'b') },
        { seq: 3, data: tombstone },
      ])
    })

    it('knows the last seq of every school that wrote', async () => {
      expect(await store.lastSeqs()).toEqual(new Map())
      await writeAll(store, 's1', [subject('s1', 'a'), subject('s1', 'b')])
      await writeAll(store, 's2', [subject('s2', 'x')])
      expect(await store.lastSeqs()).toEqual(
        new Map([
          ['s1', 2],
          ['s2', 1],
        ]),
      )
    })

    it('shows the plan the stored documents and writes nothing when the plan throws', async () => {
      await writeAll(store, 's1', [subject('s1', 'a')])
      let seen: string[] = []
      const refused = store.writeDocuments('s1', 'catalog', ['a', 'b'], (stored) => {
        seen = [...stored.keys()]
        throw new Error('refused')
      })
      await expect(refused).rejects.toThrow('refused')
      expect(seen).toEqual(['a'])

      await writeAll(store, 's1', [subject('s1', 'b')])
      expect((await store.pull('s1', 'catalog', 0, 10)).map((d) => d.seq)).toEqual([1, 2])
    })

    it('tells commit listeners about each commit, in seq order, and nothing about empty writes', async () => {
      const changes: CommittedChange[] = []
      const stop = store.onCommit((change) => changes.push(change))
      await Promise.all(Array.from({ length: 20 }, (_, i) => writeAll(store, 's1', [subject('s1', `d${i}`)])))
      await writeAll(store, 's1', [])
      stop()
      await writeAll(store, 's1', [subject('s1', 'after')])

      expect(changes.map((c) => c.documents.map((d) => d.seq))).toEqual(
        Array.from({ length: 20 }, (_, i) => [i + 1]),
      )
      expect(changes[0]).toMatchObject({ schoolId: 's1', collection: 'catalog' })
    })

    it('never lets a reader see a seq before the seqs under it are committed', async () => {
      // Several PostgreSQL server instances may share a database; a SQLite file belongs to one server process.
      const second = factory.name === 'postgres' ? await createStore(testStore.config) : store
      try {
        const writers = [store, second].flatMap((instance, w) =>
          Array.from({ length: 20 }, (_, i) =>
            writeAll(instance, 's1', [subject('s1', `w${w}-${i}-a`), subject('s1', `w${w}-${i}-b`)]),
          ),
        )
        const seen: number[] = []
        let seq = 0
        let writing = true
        const done = Promise.all(writers).finally(() => (writing = false))
        while (writing) {
          const batch = await store.pull('s1', 'catalog', seq, 7)
          seen.push(...batch.map((d) => d.seq))
          seq = batch.at(-1)?.seq ?? seq
        }
        await done
        seen.push(...(await pullAll(store, 's1')).filter((d) => d.seq > seq).map((d) => d.seq))

        expect(seen).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
      } finally {
        if (second !== store) await second.close()
      }
    })
  })

  describe('accounts', () => {
    const account = {
      id: 'acc1',
      schoolId: 's1',
      name: '王老师',
      roles: ['teacher' as const],
      phone: '13800000009',
      staffNo: 'T01',
      studentNo: null,
      passwordHash: 'hash',
      mustChangePassword: true,
      disabled: false,
    }

    it('finds every identity of a login in a stable order, with its school', async () => {
      await store.createSchool(school)
      await store.createSchool({ id: 's0', code: 's0', name: '零中' })
      await store.createAccount(account)
      await store.createAccount({
        ...account,
        id: 'acc0',
        schoolId: 's0',
        roles: ['guardian'],
        staffNo: null,
      })

      const byPhone = await store.findAccountsByLogin('13800000009')
      expect(byPhone.map((a) => [a.id, a.schoolName])).toEqual([
        ['acc0', '零中'],
        ['acc1', '一中'],
      ])
      expect(await store.findAccountsByLogin('T01')).toEqual([{ ...account, schoolName: '一中' }])
      expect(await store.findAccountsByLogin('nobody')).toEqual([])
      expect(await store.listSchools()).toEqual([{ id: 's0', code: 's0', name: '零中' }, school])
    })

    it('updates passwords and the disabled flag', async () => {
      await store.createSchool(school)
      await store.createAccount(account)
      await store.updatePassword('acc1', 'new-hash', false)
      await store.setAccountDisabled('acc1', true)
      expect(await store.getAccount('acc1')).toEqual({
        ...account,
        passwordHash: 'new-hash',
        mustChangePassword: false,
        disabled: true,
      })
      expect(await store.getAccount('missing')).toBeNull()
    })

    const DAY = 86_400_000
    const ADDRESS = '192.0.2.1'
    const laptop = {
      device: { name: 'Chrome · Windows', kind: 'browser' as const },
      at: 1_000,
      address: ADDRESS,
    }
    const limits = (now: number) => ({ now, idleMs: 10 * DAY, maxAgeMs: 30 * DAY })

    it('rotates refresh tokens and revokes the session when a rotated token comes back', async () => {
      await store.createSchool(school)
      await store.createAccount(account)
      await store.createSession('sess1', 'acc1', 'h1', laptop)
      await store.createSession('sess2', 'acc1', 'other', laptop)

      expect(await store.rotateRefreshToken('h1', 'h2', limits(2_000), ADDRESS)).toEqual({
        status: 'rotated',
        sessionId: 'sess1',
        accountId: 'acc1',
      })
      expect(await store.rotateRefreshToken('unknown', 'h3', limits(2_000), ADDRESS)).toEqual({
        status: 'invalid',
      })
      expect(await store.rotateRefreshToken('h1', 'h3', limits(2_000), ADDRESS)).toEqual({
        status: 'reused',
        sessionId: 'sess1',
      })
      expect(await store.sessionStatus('sess1')).toBeNull()
      expect(await store.rotateRefreshToken('h2', 'h3', limits(2_000), ADDRESS)).toEqual({
        status: 'invalid',
      })
      expect(await store.sessionStatus('sess2')).toEqual({ mustChangePassword: true })
    })

    it('revokes all other sessions of an account', async () => {
      await store.createSchool(school)
      await store.createAccount(account)
      for (const id of ['a', 'b', 'c']) await store.createSession(id, 'acc1', `hash-${id}`, laptop)
      expect((await store.revokeOtherSessions('acc1', 'b')).sort()).toEqual(['a', 'c'])
      expect(await store.revokeOtherSessions('acc1', 'b')).toEqual([])
      const open = async (id: string) => (await store.sessionStatus(id)) !== null
      expect(await Promise.all(['a', 'b', 'c'].map(open))).toEqual([false, true, false])
      await store.revokeSession('b')
      expect(await open('b')).toBe(false)
    })

    it('ends a session idle too long, and one too old however often it is used', async () => {
      await store.createSchool(school)
      await store.createAccount(account)
      await store.createSession('idle', 'acc1', 'i0', laptop)
      await store.createSession('busy', 'acc1', 'b0', laptop)
      expect(await store.rotateRefreshToken('i0', 'i1', limits(1_000 + 10 * DAY + 1), ADDRESS)).toEqual({
        status: 'expired',
      })
      expect(await store.sessionStatus('idle')).toBeNull()
      for (let day = 9; day < 30; day += 9) {
        const outcome = await store.rotateRefreshToken(
          `b${day - 9}`,
          `b${day}`,
          limits(1_000 + day * DAY),
          ADDRESS,
        )
        expect(outcome.status).toBe('rotated')
      }
      expect(await store.rotateRefreshToken('b27', 'b36', limits(1_000 + 30 * DAY + 1), ADDRESS)).toEqual({
        status: 'expired',
      })
    })

    it('lists the open sessions with their device and last use, newest use first', async () => {
      await store.createSchool(school)
      await store.createAccount(account)
      await store.createSession('pc', 'acc1', 'p0', {
        device: { name: 'Campus Desk · Windows', kind: 'desktop' },
        at: 1_000,
        address: '192.0.2.10',
      })
      await store.createSession('phone', 'acc1', 'f0', {
        device: { name: 'iPhone', kind: 'phone' },
        at: 2_000,
        address: '192.0.2.20',
      })
      await store.createSession('gone', 'acc1', 'g0', laptop)
      await store.revokeSession('gone')
      await store.rotateRefreshToken('p0', 'p1', limits(5_000), '198.51.100.7')
      expect(await store.listSessions('acc1')).toEqual([
        {
          id: 'pc',
          device: { name: 'Campus Desk · Windows', kind: 'desktop' },
          createdAt: 1_000,
          lastUsedAt: 5_000,
          address: '198.51.100.7',
        },
        {
          id: 'phone',
          device: { name: 'iPhone', kind: 'phone' },
          createdAt: 2_000,
          lastUsedAt: 2_000,
          address: '192.0.2.20',
        },
      ])
    })
  })

  it('keeps the first value of a setting', async () => {
    expect(await store.getOrCreateSetting('secret', () => 'first')).toBe('first')
    expect(await store.getOrCreateSetting('secret', () => 'second')).toBe('first')
  })

  it('keeps its data and schema when opened again', async () => {
    await store.createSchool(school)
    await store.audit({ schoolId: 's1', accountId: null, action: 'test', detail: { ok: true } })
    const again = await createStore(testStore.config)
    try {
      expect(await again.listSchools()).toEqual([school])
    } finally {
      await again.close()
    }
  })
  it('gives documents stored without _deleted (before it was normalised on entry) the flag of their row', async () => {
    await writeAll(store, 's1', [subject('s1', 'live'), { ...subject('s1', 'gone'), _deleted: true }])
    const driver = await openDriver(testStore.config)
    try {
      // As an older server stored them: the flag only in the `deleted` column, and the migration not yet run.
      for (const id of ['live', 'gone']) {
        const { _deleted: _, ...withoutFlag } = subject('s1', id)
        await driver.run(`UPDATE documents SET data = $1 WHERE id = $2`, [JSON.stringify(withoutFlag), id])
      }
      await driver.run(`DELETE FROM schema_version WHERE version >= $1`, [TOMBSTONE_FLAG_MIGRATION])
    } finally {
      await driver.close()
    }
    const again = await createStore(testStore.config)
    try {
      const flags = (await again.pull('s1', 'catalog', 0, 10)).map(({ data }) => [data.id, data._deleted])
      expect(flags).toEqual([
        ['live', false],
        ['gone', true],
      ])
    } finally {
      await again.close()
    }
  })
})
