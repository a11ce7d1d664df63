// import_3000_students_ms: an admin imports 3,000 students with 2 guardians each, as the import dialog does it
// (renderer/src/features/import/use-import.ts): read the .xlsx, plan it, gate it, write it kind by kind.
import { firstValueFrom } from 'rxjs'
import type { SessionUser } from '../../domain/auth/roles.ts'
import type { Subject } from '../../domain/catalog/subject.ts'
import type { BaseDocument } from '../../domain/documents.ts'
import type { Campus, Grade } from '../../domain/org/campus.ts'
import type { Department } from '../../domain/org/departments.ts'
import type { Guardian } from '../../domain/org/guardian.ts'
import { refusedWrites } from '../../domain/org/import/gate.ts'
import { planImportInChunks } from '../../domain/org/import/plan.ts'
import {
  WRITE_ORDER,
  type AddressBook,
  type ImportWrites,
  type WriteKind,
} from '../../domain/org/import/report.ts'
import type { SchoolClass } from '../../domain/org/school-class.ts'
import type { Staff } from '../../domain/org/staff.ts'
import type { Student } from '../../domain/org/student.ts'
import {
  createCampusDatabase,
  createRepository,
  type CampusDatabase,
  type ProgressListener,
} from '../../renderer/src/db/index.ts'
import { getReplicaStorage } from '../../renderer/src/db/replica-storage.ts'
import { readTables } from '../../renderer/src/ui/excel/workbook.ts'

const ADMIN: SessionUser = { id: 'bench-admin', schoolId: 'bench', name: '基准管理员', roles: ['admin'] }

const STUDENTS = 3000

/**
 * The e2e test's file (the import format, students spread over the demo classes), built once per page, not
 * timed. Imported dynamically: exceljs stays in its own chunk, as in the app (`workbook.ts` loads it lazily).
 */
const fixture = () => import('../../e2e/fixtures/students-xlsx.ts')
let file: Promise<Uint8Array> | undefined

/** The demo school's classes (the file's students are spread over them), each with its grade's name. */
async function demoClasses(): Promise<Omit<SchoolClass, 'schoolId' | 'updatedAt'>[]> {
  const { DEMO_CLASSES } = await fixture()
  return DEMO_CLASSES.map((name, i) => ({
    id: `bench-class-${i + 1}`,
    kind: 'class',
    name,
    gradeName: name.slice(0, 2),
    year: 2026,
    subjectTeachers: [],
  }))
}

/** A fresh replica holding the demo classes, written as an admin through the gate. */
async function replicaWithClasses(): Promise<CampusDatabase> {
  const database = await createCampusDatabase({ storage: getReplicaStorage(), name: `import-${Date.now()}` })
  await createRepository<SchoolClass>(database, 'class', ADMIN).bulkPut(await demoClasses())
  return database
}

function liveList<T extends BaseDocument>(database: CampusDatabase, kind: T['kind']): Promise<T[]> {
  return firstValueFrom(createRepository<T>(database, kind, ADMIN).all$())
}

/** What `useAddressBook().snapshot()` gives the dialog: the stores' live lists, already in memory. */
async function addressBook(database: CampusDatabase): Promise<AddressBook> {
  return {
    departments: await liveList<Department>(database, 'department'),
    staff: await liveList<Staff>(database, 'staff'),
    campuses: await liveList<Campus>(database, 'campus'),
    grades: await liveList<Grade>(database, 'grade'),
    classes: await liveList<SchoolClass>(database, 'class'),
    students: await liveList<Student>(database, 'student'),
    guardians: await liveList<Guardian>(database, 'guardian'),
    subjects: await liveList<Subject>(database, 'subject'),
  }
}

type Writers = { [K in WriteKind]: (docs: ImportWrites[K], onProgress: ProgressListener) => Promise<void> }

/** The kind stores' `bulkPut` (the repository of the logged-in user), as `useAddressBook` maps them. */
function writers(database: CampusDatabase): Writers {
  return {
    department: (docs, p) => createRepository<Department>(database, 'department', ADMIN).bulkPut(docs, p),
    campus: (docs, p) => createRepository<Campus>(database, 'campus', ADMIN).bulkPut(docs, p),
    grade: (docs, p) => createRepository<Grade>(database, 'grade', ADMIN).bulkPut(docs, p),
    class: (docs, p) => createRepository<SchoolClass>(database, 'class', ADMIN).bulkPut(docs, p),
    staff: (docs, p) => createRepository<Staff>(database, 'staff', ADMIN).bulkPut(docs, p),
    student: (docs, p) => createRepository<Student>(database, 'student', ADMIN).bulkPut(docs, p),
    guardian: (docs, p) => createRepository<Guardian>(database, 'guardian', ADMIN).bulkPut(docs, p),
  }
}

function put<K extends WriteKind>(write: Writers, kind: K, docs: ImportWrites[K], p: ProgressListener) {
  return write[kind](docs, p)
}

/** Lets the browser paint and handle input between chunks of rows (the dialog's `nextTask`). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export interface ImportRun {
  students: number
  guardians: number
  /** Documents in the replica's address book after the import, of the kinds it wrote. */
  documents: number
  /** `readTables` of the .xlsx. */
  readMs: number
  /** `planImportInChunks` (chunks of 250 rows, a macrotask between them) against the address book. */
  planMs: number
  /** `refusedWrites` (every document gated before the first write), then each kind's `bulkPut`. */
  writeMs: number
  /** Of `writeMs`: `refusedWrites` alone. */
  gateMs: number
}

/** AB-3 as the import dialog does it (choose the file, check it, import) into a fresh replica. */
async function importStudents(): Promise<ImportRun> {
  file ??= fixture().then(async ({ studentsXlsx }) => (await studentsXlsx({ count: STUDENTS })).data)
  const data = await file
  const database = await replicaWithClasses()
  const book = await addressBook(database)
  let progress = { done: 0, total: 0 }
  const onProgress = (done: number, total: number) => (progress = { done, total })

  const started = performance.now()
  const [sheet] = await readTables(data)
  const read = performance.now()
  const plan = await planImportInChunks('students', sheet?.rows ?? [], book, { pause: nextTask, onProgress })
  const planned = performance.now()
  const refused = refusedWrites(plan.writes, book, ADMIN, Date.now())
  const gated = performance.now()
  if (refused.length) throw new Error(`import refused: ${refused.slice(0, 3).join('; ')}`)
  const write = writers(database)
  for (const kind of WRITE_ORDER) {
    if (plan.writes[kind].length) await put(write, kind, plan.writes[kind], onProgress)
  }
  const written = performance.now()

  if (plan.fileErrors.length || plan.counts.errors || plan.counts.created !== STUDENTS)
    throw new Error(`unexpected plan: ${JSON.stringify(plan.counts)} ${JSON.stringify(plan.fileErrors)}`)
  if (progress.done !== progress.total) throw new Error('the write progress did not finish')
  const students = (await liveList<Student>(database, 'student')).length
  const guardians = (await liveList<Guardian>(database, 'guardian')).length
  if (students !== plan.writes.student.length || guardians !== plan.writes.guardian.length)
    throw new Error(`the replica holds ${students} students and ${guardians} guardians`)
  await database.remove()
  return {
    students,
    guardians,
    documents: students + guardians,
    readMs: read - started,
    planMs: planned - read,
    writeMs: written - planned,
    gateMs: gated - planned,
  }
}

export const importBench = { importStudents }
