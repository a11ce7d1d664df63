import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BaseDocument } from '../domain/documents.ts'
import { planImportInChunks } from '../domain/org/import/plan.ts'
import { WRITE_ORDER, type AddressBook, type ImportPlan } from '../domain/org/import/report.ts'
import { readTables } from '../renderer/src/ui/excel/workbook.ts'
import { seedDemo } from '../sync-server/src/seed/demo.ts'
import { SQLITE_FACTORY, type TestStore } from '../sync-server/src/test-support/stores.ts'
import { SAMPLE_FILES, SAMPLES_DIR, STUDENT_MISTAKES, type SampleFile } from './address-book-samples.ts'

// The samples the import dialog offers, imported in order into the demo school as a newcomer would.

const BOOK_KINDS: Record<string, keyof AddressBook> = {
  department: 'departments',
  staff: 'staff',
  campus: 'campuses',
  grade: 'grades',
  class: 'classes',
  student: 'students',
  guardian: 'guardians',
  subject: 'subjects',
}

function bookOf(documents: readonly BaseDocument[]): AddressBook {
  const book: Record<keyof AddressBook, BaseDocument[]> = {
    departments: [],
    staff: [],
    campuses: [],
    grades: [],
    classes: [],
    students: [],
    guardians: [],
    subjects: [],
  }
  for (const doc of documents) {
    const list = BOOK_KINDS[doc.kind]
    if (list) book[list].push(doc)
  }
  return book as unknown as AddressBook
}

/** The book after an import: its documents written over the stored ones, as the address book's bulkPut does. */
function withWrites(book: AddressBook, plan: ImportPlan): AddressBook {
  const byId = new Map<string, BaseDocument>()
  for (const list of Object.values(book) as BaseDocument[][]) for (const doc of list) byId.set(doc.id, doc)
  for (const kind of WRITE_ORDER) {
    for (const doc of plan.writes[kind]) byId.set(doc.id, { ...doc, schoolId: 'demo', updatedAt: 2 })
  }
  return bookOf([...byId.values()])
}

async function readSample(sample: SampleFile): Promise<string[][]> {
  const [sheet] = await readTables(new Uint8Array(readFileSync(join(SAMPLES_DIR, sample.file))))
  return sheet?.rows ?? []
}

const sample = (file: string): SampleFile => {
  const found = SAMPLE_FILES.find((s) => s.file === file)
  if (!found) throw new Error(`no sample ${file}`)
  return found
}

describe('the address-book samples of docs/samples', () => {
  let demo: TestStore
  let book: AddressBook

  beforeAll(async () => {
    demo = await SQLITE_FACTORY.create()
    await seedDemo(demo.store, 1)
    const stored = [
      ...(await demo.store.pull('demo', 'org', 0, 10_000)),
      ...(await demo.store.pull('demo', 'catalog', 0, 10_000)),
    ]
    book = bookOf(stored.map((entry) => entry.data as BaseDocument))
  })
  afterAll(() => demo.dispose())

  it('are the files the generator writes (run `node scripts/address-book-samples.ts` after changing it)', async () => {
    for (const file of SAMPLE_FILES) {
      const headers = file.sheet.columns.map((column) => column.header)
      expect(await readSample(file), file.file).toEqual(
        [headers, ...file.sheet.rows].map(withoutTrailingBlanks),
      )
    }
  })

  it('import into the demo school in order — staff, classes, students — without a single error', async () => {
    const staff = await planImportInChunks(
      'staff',
      await readSample(sample('address-book-1-staff.xlsx')),
      book,
    )
    expect(staff.fileErrors).toEqual([])
    expect(staff.counts).toMatchObject({ rows: 11, errors: 0, created: 10, updated: 1 })
    expect(staff.writes.department.map((d) => d.name)).toEqual(
      expect.arrayContaining(['教务处', '数学组', '理化生组', '年级组', '初二年级组', '总务处']),
    )
    const afterStaff = withWrites(book, staff)

    const classes = await planImportInChunks(
      'classes',
      await readSample(sample('address-book-2-classes.xlsx')),
      afterStaff,
    )
    expect(classes.fileErrors).toEqual([])
    expect(classes.counts).toMatchObject({ rows: 2, errors: 0, created: 2 })
    expect(classes.writes.class[0]?.subjectTeachers).toHaveLength(6)
    const afterClasses = withWrites(afterStaff, classes)

    const students = await planImportInChunks(
      'students',
      await readSample(sample('address-book-3-students.xlsx')),
      afterClasses,
    )
    expect(students.fileErrors).toEqual([])
    expect(students.counts).toMatchObject({ rows: 49, errors: 0, created: 49 })
    // The twins share their guardians: one guardian document with two children.
    expect(students.writes.guardian.some((g) => g.children.length === 2)).toBe(true)
  })

  it('the sample with errors reports each mistake on its row and nothing on the good rows', async () => {
    const staff = await planImportInChunks(
      'staff',
      await readSample(sample('address-book-1-staff.xlsx')),
      book,
    )
    const classesRows = await readSample(sample('address-book-2-classes.xlsx'))
    const classes = await planImportInChunks('classes', classesRows, withWrites(book, staff))
    const plan = await planImportInChunks(
      'students',
      await readSample(sample('address-book-students-with-errors.xlsx')),
      withWrites(withWrites(book, staff), classes),
    )
    const bad = plan.rows.filter((row) => row.status === 'error')
    expect(bad.map((row) => [row.row, row.messages.map((m) => m.code)])).toEqual(
      STUDENT_MISTAKES.map(([, code], i) => [i + 2, [code]]),
    )
    expect(plan.counts).toMatchObject({ errors: STUDENT_MISTAKES.length, ok: 6 })
  })
})

function withoutTrailingBlanks(cells: readonly string[]): string[] {
  let end = cells.length
  while (end > 0 && cells[end - 1] === '') end--
  return cells.slice(0, end)
}
