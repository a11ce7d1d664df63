// DESIGN §5 visibility end to end: when an admin moves a teacher to another class, the teacher's replica ends
// with exactly the students of the classes they teach now; the ones they no longer see leave the replica
// without being deleted on the server.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../domain/documents.ts'
import type { SchoolClass } from '../../domain/org/school-class.ts'
import { createRepository } from '../../renderer/src/db/index.ts'
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo.ts'
import { describeEachStore, type TestStore } from '../../sync-server/src/test-support/stores.ts'
import {
  eventually,
  replicaDocuments,
  serverDocuments,
  startClient,
  startRestartableServer,
  type Client,
  type RestartableServer,
} from './harness.ts'

const ADMIN = '13800000001'
/** 李老师: head and math teacher of 初一(1)班, math teacher of 初一(3)班. */
const TEACHER = '13800000002'
const studentIds = (...keys: string[]) => keys.map((key) => `demo-student-${key}`)
const CLASS_A = studentIds('chen-xiaoming', 'liu-yinuo', 'wang-zihan', 'zhao-yuze')
const CLASS_3 = studentIds('zheng-yutong', 'huang-junjie', 'xu-mingxuan')
const CLASS_B = studentIds('ma-xinyue', 'luo-haoyu', 'gao-shiqi')

let storage: TestStore
let server: RestartableServer
let admin: Client
let teacher: Client

const idsOfKind = (docs: Map<string, WireDocument>, kind: string) =>
  [...docs.values()]
    .filter((doc) => doc.kind === kind)
    .map((doc) => doc.id)
    .sort()

async function replicaHolds(client: Client, students: string[], guardians: string[]): Promise<boolean> {
  const org = await replicaDocuments(client, 'org')
  const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify([...b].sort())
  return same(idsOfKind(org, 'student'), students) && same(idsOfKind(org, 'guardian'), guardians)
}

describeEachStore('visibility across replicas (real server on $name)', (factory) => {
  beforeEach(async () => {
    storage = await factory.create()
    server = await startRestartableServer(storage.config)
    admin = await startClient(server.url, 'admin', ADMIN, DEMO_PASSWORD)
    teacher = await startClient(server.url, 'teacher', TEACHER, DEMO_PASSWORD)
  })

  afterEach(async () => {
    await Promise.all([admin.close(), teacher.close()])
    await server.close()
    await storage.dispose()
  })

  it('leaves a teacher moved from class A to class B with exactly class B’s students, deleting nothing', async () => {
    const guardiansOfA = ['demo-guardian-chen', 'demo-guardian-liu']
    await eventually(
      () => replicaHolds(teacher, [...CLASS_A, ...CLASS_3], guardiansOfA),
      20_000,
      'the teacher to hold the students of 初一(1)班 and 初一(3)班',
    )
    const pushed: unknown[] = []
    const teacherOrg = teacher.engine.replications.get('org')
    const subscription = teacherOrg?.sent$.subscribe((doc) => pushed.push(doc))
    await admin.engine.awaitInSync()

    const classes = createRepository<SchoolClass>(admin.database, 'class', admin.user)
    const classA = await classes.get('demo-class-g7-1')
    await classes.patch('demo-class-g7-1', {
      headTeacherId: 'demo-staff-zhou',
      subjectTeachers: classA?.subjectTeachers.map((t) =>
        t.staffId === 'demo-staff-li' ? { ...t, staffId: 'demo-staff-zhou' } : t,
      ),
    })
    await classes.patch('demo-class-g8-1', { headTeacherId: 'demo-staff-li' })

    await eventually(
      () => replicaHolds(teacher, [...CLASS_3, ...CLASS_B], []),
      20_000,
      'the teacher to hold the students of 初一(3)班 and 初二(1)班 only',
    )
    await teacher.engine.awaitInSync()
    subscription?.unsubscribe()
    expect(pushed).toEqual([])
    expect(teacher.database.lostEdits.list()).toEqual([])
    const onServer = await serverDocuments(server.store(), 'demo', 'org')
    for (const id of [...CLASS_A, ...guardiansOfA]) expect(onServer.get(id)?._deleted).toBe(false)
  })
})
