import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitFor } from '../../app/testing/wait-for.ts'
import { nextTick, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { studentsXlsx } from '../../../../e2e/fixtures/students-xlsx.ts'
import type { SessionUser } from '../../../../domain/auth/roles.ts'
import { testBook } from '../../../../domain/org/import/testing.ts'
import type { ImportType } from '../../../../domain/org/import/report.ts'
import { i18n } from '../../app/i18n.ts'
import { mountComposable } from '../../app/testing/mount-composable.ts'
import { FakeSyncServer } from '../../db/testing/fake-sync-server.ts'
import { ADMIN, TEACHER } from '../../db/testing/node-database.ts'
import { readTables } from '../../ui/excel/workbook.ts'
import { configureAuth } from '../auth/dependencies.ts'
import { useAuthStore } from '../auth/store.ts'
import { testAuthDependencies } from '../auth/testing.ts'
import { useClassStore, useGuardianStore, useStudentStore } from '../org/stores.ts'
import { useImport } from './use-import.ts'

const fakes = vi.hoisted(() => ({
  success: vi.fn(),
  error: vi.fn(),
  openFile: vi.fn(),
  saveFile: vi.fn(),
}))
vi.mock('element-plus', () => ({ ElMessage: { success: fakes.success, error: fakes.error } }))
vi.mock('../../app/desktop.ts', () => ({
  desktop: { openFile: fakes.openFile, saveFile: fakes.saveFile },
}))

let pinia: Pinia
let unmount: (() => void) | undefined

async function logIn(user: SessionUser) {
  const server = new FakeSyncServer({ [ADMIN.id]: ADMIN, [TEACHER.id]: TEACHER })
  const book = testBook()
  for (const doc of [...book.classes, ...book.students, ...book.guardians]) server.write('org', doc as never)
  configureAuth(testAuthDependencies(server))
  pinia = createPinia()
  setActivePinia(pinia)
  await useAuthStore().login(server.url, user.id, 'demo-2026')
  await waitFor(() => expect(useClassStore().items).toHaveLength(book.classes.length))
  await waitFor(() => expect(useGuardianStore().items).toHaveLength(1))
}

function openImport(type: ImportType = 'students') {
  const visible = ref(true)
  const router = createRouter({ history: createMemoryHistory(), routes: [] })
  const mounted = mountComposable(() => useImport(ref(type), visible), [pinia, i18n, router])
  unmount = mounted.unmount
  return { importer: mounted.result, visible }
}

async function choose(name: string, data: Uint8Array, importer: ReturnType<typeof useImport>) {
  fakes.openFile.mockResolvedValueOnce({ opened: true, name, data })
  await importer.chooseFile()
}

beforeEach(() => {
  i18n.global.locale.value = 'en'
})

afterEach(async () => {
  unmount?.()
  unmount = undefined
  await useAuthStore().logout()
  vi.clearAllMocks()
})

describe('useImport', () => {
  it('checks every row of the chosen file and lists the bad rows first, in words', async () => {
    await logIn(ADMIN)
    const { importer } = openImport()
    const file = await studentsXlsx({ count: 8, bad: 1 })
    await choose('students.xlsx', file.data, importer)
    expect(importer.phase.value).toBe('idle')
    expect(importer.fileName.value).toBe('students.xlsx')
    expect(importer.percent.value).toBe(100)
    expect(importer.plan.value?.counts).toMatchObject({ rows: 8, errors: 1, ok: 7 })
    const [first] = importer.reportRows.value
    expect(first).toMatchObject({ row: file.badRows[0], state: 'error' })
    expect(first?.messages).toBe('No class named “初九(9)班”: import or create the class first')
    expect(importer.reportRows.value.slice(1).every((row) => row.state === 'create')).toBe(true)
    expect(importer.canImport.value).toBe(false)
  })

  it('imports a valid file: students, then their guardians, and closes', async () => {
    await logIn(ADMIN)
    const { importer, visible } = openImport()
    await choose('students.xlsx', (await studentsXlsx({ count: 4 })).data, importer)
    expect(importer.canImport.value).toBe(true)
    expect(importer.alsoWrites.value).toBe('guardians 8 new, 0 updated')
    await importer.importAll()
    expect(fakes.success).toHaveBeenCalledWith('Imported: 4 rows')
    expect(visible.value).toBe(false)
    expect(importer.progress.value).toEqual({ done: 12, total: 12 })
    await waitFor(() => expect(useStudentStore().items).toHaveLength(5))
    await waitFor(() => expect(useGuardianStore().items).toHaveLength(9))
  })

  it('writes nothing the address book would refuse, and says why instead of the report', async () => {
    await logIn(TEACHER)
    const { importer, visible } = openImport()
    await choose('students.xlsx', (await studentsXlsx({ count: 2 })).data, importer)
    expect(importer.canImport.value).toBe(true)
    await importer.importAll()
    expect(importer.fileErrors.value).toHaveLength(1)
    expect(importer.fileErrors.value[0]).toMatch(/^The address book would refuse this import: .*only admins/)
    expect(importer.canImport.value).toBe(false)
    expect(visible.value).toBe(true)
    expect(useStudentStore().items).toHaveLength(1)
  })

  it('says when a file is not an Excel file, and starts afresh when the dialog opens again', async () => {
    await logIn(ADMIN)
    const { importer, visible } = openImport()
    await choose('notes.xlsx', new TextEncoder().encode('just text'), importer)
    expect(importer.readError.value).toMatch(/^notes\.xlsx cannot be read as an Excel \.xlsx file/)
    expect(importer.plan.value).toBeNull()
    expect(importer.phase.value).toBe('idle')
    visible.value = false
    await nextTick()
    visible.value = true
    await nextTick()
    expect(importer.readError.value).toBe('')
    expect(importer.fileName.value).toBe('')
  })

  it('reads nothing when the user closes the file dialog', async () => {
    await logIn(ADMIN)
    const { importer } = openImport()
    fakes.openFile.mockResolvedValueOnce({ opened: false })
    await importer.chooseFile()
    expect(importer.fileName.value).toBe('')
    expect(importer.plan.value).toBeNull()
  })

  it('saves the template of its type in the UI language', async () => {
    await logIn(ADMIN)
    const { importer } = openImport('classes')
    await importer.downloadTemplate()
    const [request] = fakes.saveFile.mock.calls[0] as [{ defaultName: string; data: Uint8Array }]
    const [sheet] = await readTables(request.data)
    expect(request.defaultName).toBe(`${sheet?.name}.xlsx`)
    expect(sheet?.rows[0]).toEqual(expect.arrayContaining(['Campus', 'Grade*', 'Class*']))
  })

  it('tells when a sample cannot be downloaded, and saves it when it can', async () => {
    await logIn(ADMIN)
    const { importer } = openImport()
    const [sample] = importer.samples.value
    if (!sample) throw new Error('students have samples')
    const fetch = vi.fn<typeof globalThis.fetch>()
    vi.stubGlobal('fetch', fetch)
    fetch.mockResolvedValueOnce(new Response('missing', { status: 404 }))
    await importer.downloadSample(sample)
    expect(fakes.error).toHaveBeenCalledWith('The sample could not be downloaded: HTTP 404')
    fetch.mockResolvedValueOnce(new Response(new Uint8Array([1, 2, 3])))
    await importer.downloadSample(sample)
    expect(fakes.saveFile).toHaveBeenCalledWith(
      expect.objectContaining({ defaultName: sample.fileName, data: new Uint8Array([1, 2, 3]) }),
    )
    vi.unstubAllGlobals()
  })
})
