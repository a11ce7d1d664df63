import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { i18n } from './i18n.ts'
import { mountComposable } from './testing/mount-composable.ts'
import { useXlsxSave } from './use-xlsx-save.ts'

const fakes = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn(), saveFile: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: { success: fakes.success, error: fakes.error } }))
vi.mock('./desktop.ts', () => ({ desktop: { saveFile: fakes.saveFile } }))

const WORKBOOK = new Uint8Array([80, 75, 3, 4])
let unmount: (() => void) | undefined

function mountSave() {
  const mounted = mountComposable(() => useXlsxSave(), [i18n])
  unmount = mounted.unmount
  return mounted.result
}

beforeEach(() => {
  i18n.global.locale.value = 'en'
})

afterEach(() => {
  unmount?.()
  unmount = undefined
  vi.clearAllMocks()
})

describe('useXlsxSave', () => {
  it('saves the written workbook under a file-safe .xlsx name and says where it went', async () => {
    fakes.saveFile.mockResolvedValueOnce({ saved: true, path: 'D:\\docs\\初一(1)班_课表.xlsx' })
    const excel = mountSave()
    const outcome = await excel.save('初一(1)班/课表', async () => WORKBOOK)
    expect(outcome).toBe('saved')
    expect(fakes.saveFile).toHaveBeenCalledWith({
      defaultName: '初一(1)班_课表.xlsx',
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      data: WORKBOOK,
    })
    expect(fakes.success).toHaveBeenCalledWith('Saved to D:\\docs\\初一(1)班_课表.xlsx')
    expect(fakes.error).not.toHaveBeenCalled()
    expect(excel.saving.value).toBe(false)
  })

  it('says nothing when the user cancels the save dialog', async () => {
    fakes.saveFile.mockResolvedValueOnce({ saved: false })
    const excel = mountSave()
    expect(await excel.save('students', async () => WORKBOOK)).toBe('cancelled')
    expect(fakes.success).not.toHaveBeenCalled()
    expect(fakes.error).not.toHaveBeenCalled()
    expect(excel.saving.value).toBe(false)
  })

  it('reports why the workbook could not be written, without opening the dialog', async () => {
    const excel = mountSave()
    const outcome = await excel.save('students', async () => {
      throw new Error('sheet name too long')
    })
    expect(outcome).toBe('failed')
    expect(fakes.saveFile).not.toHaveBeenCalled()
    expect(fakes.error).toHaveBeenCalledWith('Export failed: sheet name too long')
    expect(excel.saving.value).toBe(false)
  })

  it('reports a file the desktop could not write', async () => {
    fakes.saveFile.mockRejectedValueOnce(new Error('EACCES: permission denied'))
    const excel = mountSave()
    expect(await excel.save('students', async () => WORKBOOK)).toBe('failed')
    expect(fakes.error).toHaveBeenCalledWith('Export failed: EACCES: permission denied')
    expect(fakes.success).not.toHaveBeenCalled()
  })

  it('runs one save at a time: a second click while the dialog is open does nothing', async () => {
    let answer: (result: { saved: false }) => void = () => undefined
    fakes.saveFile.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)))
    const excel = mountSave()
    const first = excel.save('students', async () => WORKBOOK)
    await vi.waitFor(() => expect(fakes.saveFile).toHaveBeenCalledTimes(1))
    expect(excel.saving.value).toBe(true)
    expect(await excel.save('students', async () => WORKBOOK)).toBe('busy')
    answer({ saved: false })
    expect(await first).toBe('cancelled')
    expect(fakes.saveFile).toHaveBeenCalledTimes(1)
    expect(excel.saving.value).toBe(false)
  })

  it('speaks the user language', async () => {
    i18n.global.locale.value = 'zh-CN'
    fakes.saveFile.mockResolvedValueOnce({ saved: true, path: '/home/a/学生.xlsx' })
    await mountSave().save('学生', async () => WORKBOOK)
    expect(fakes.success).toHaveBeenCalledWith(expect.stringContaining('/home/a/学生.xlsx'))
    expect(fakes.success).not.toHaveBeenCalledWith('Saved to /home/a/学生.xlsx')
  })
})
