import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitFor } from '../../app/testing/wait-for.ts'
import { ref } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { HomeworkDefinition } from '../../../../domain/homework/definition.ts'
import { definition as storedDefinition } from '../../../../domain/homework/testing.ts'
import { question } from '../../../../domain/questions/testing.ts'
import { i18n } from '../../app/i18n.ts'
import { mountComposable } from '../../app/testing/mount-composable.ts'
import { FakeSyncServer } from '../../db/testing/fake-sync-server.ts'
import { TEACHER } from '../../db/testing/node-database.ts'
import { configureAuth } from '../auth/dependencies.ts'
import { useAuthStore } from '../auth/store.ts'
import { testAuthDependencies } from '../auth/testing.ts'
import { useQuestionStore } from '../question-bank/store.ts'
import { useStaffStore } from '../org/stores.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { useDefinitionStore } from './store.ts'
import { useDefinitionEditor } from './use-definition-editor.ts'

const fakes = vi.hoisted(() => ({
  success: vi.fn(),
  warning: vi.fn(),
  error: vi.fn(),
  confirm: vi.fn<() => Promise<unknown>>(),
  prompt: vi.fn<() => Promise<{ value: string }>>(),
  alert: vi.fn<() => Promise<unknown>>(),
}))
vi.mock('element-plus', () => ({
  ElMessage: { success: fakes.success, warning: fakes.warning, error: fakes.error },
  ElMessageBox: { confirm: fakes.confirm, prompt: fakes.prompt, alert: fakes.alert },
}))

const mine = (changes: Partial<HomeworkDefinition> = {}) =>
  storedDefinition({ authorId: TEACHER.id, ...changes })

let pinia: Pinia
let router: Router
let unmount: (() => void) | undefined

beforeEach(async () => {
  i18n.global.locale.value = 'en'
  const server = new FakeSyncServer({ [TEACHER.id]: TEACHER })
  server.write('catalog', {
    id: 'math',
    kind: 'subject',
    schoolId: 'demo',
    updatedAt: 1,
    name: '数学',
    enabled: true,
  } as never)
  server.write('org', {
    id: TEACHER.id,
    kind: 'staff',
    schoolId: 'demo',
    updatedAt: 1,
    name: TEACHER.name,
    phone: '13800000002',
    departmentIds: [],
    tags: [],
    teaches: true,
  } as never)
  for (const id of ['q1', 'q2', 'q3', 'q4', 'q5']) {
    server.write('questions', {
      ...question({ id, lineageId: id, status: 'published' }),
      stem: `<p>${id}?</p>`,
      _deleted: false,
    } as never)
  }
  server.write('homework', { ...mine(), _deleted: false } as never)
  server.write('homework', { ...mine({ id: 'd-complete', status: 'complete' }), _deleted: false } as never)
  server.write('homework', {
    ...mine({ id: 'd-other', authorId: 'u-someone-else' }),
    _deleted: false,
  } as never)
  configureAuth(testAuthDependencies(server))
  pinia = createPinia()
  setActivePinia(pinia)
  await useAuthStore().login(server.url, TEACHER.id, 'demo-2026')
  await waitFor(() => expect(useDefinitionStore().items).toHaveLength(3))
  await waitFor(() => expect(useQuestionStore().items).toHaveLength(5))
  await waitFor(() => expect(useStaffStore().items).toHaveLength(1))
  await waitFor(() => expect(useSubjectStore().items).toHaveLength(1))
  const page = { render: () => null }
  router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/homework/definitions/:id', name: 'definition', component: page }],
  })
  await router.push('/homework/definitions/d1')
})

afterEach(async () => {
  unmount?.()
  unmount = undefined
  await useAuthStore().logout()
  vi.clearAllMocks()
})

function openEditor(id = 'd1') {
  const mounted = mountComposable(() => useDefinitionEditor(ref(id)), [pinia, i18n, router])
  unmount = mounted.unmount
  return mounted.result
}

const storedSections = (id = 'd1') => useDefinitionStore().items.find((d) => d.id === id)?.sections ?? []
const titles = (id = 'd1') => storedSections(id).map((s) => s.title)

describe('useDefinitionEditor', () => {
  it('shows its own draft as editable, with subject, author and total score', () => {
    const editor = openEditor()
    expect(editor.loaded.value).toBe(true)
    expect(editor.editable.value).toBe(true)
    expect(editor.readOnlyReason.value).toBeNull()
    expect(editor.subjectName.value).toBe('数学')
    expect(editor.authorName.value).toBe(TEACHER.name)
    expect(editor.total.value).toBe(17.5)
    expect(editor.canComplete.value).toBe(true)
  })

  it.each([
    ['d-complete', 'complete'],
    ['d-other', 'notAuthor'],
  ])('keeps %s read-only (%s)', (id, reason) => {
    const editor = openEditor(id)
    expect(editor.editable.value).toBe(false)
    expect(editor.readOnlyReason.value).toBe(reason)
    expect(editor.canComplete.value).toBe(false)
  })

  it('adds a section with the title asked for and selects it; a cancelled prompt adds nothing', async () => {
    const editor = openEditor()
    fakes.prompt.mockRejectedValueOnce('cancel')
    await editor.addSection()
    expect(titles()).toEqual(['第1章', '第2章'])
    fakes.prompt.mockResolvedValueOnce({ value: '  Review  ' })
    await editor.addSection()
    await waitFor(() => expect(titles()).toEqual(['第1章', '第2章', 'Review']))
    expect(editor.selected.value?.title).toBe('Review')
  })

  it('runs the section commands: add a sub-section, rename, move, delete once confirmed', async () => {
    const editor = openEditor()
    const [first, second] = editor.sections.value
    if (!first || !second) throw new Error('two sections')
    fakes.prompt.mockResolvedValueOnce({ value: 'Warm-up' })
    editor.runCommand('addChild', first)
    await waitFor(() => expect(storedSections()[0]?.sections.map((s) => s.title)).toEqual(['Warm-up']))
    fakes.prompt.mockResolvedValueOnce({ value: 'Chapter one' })
    editor.runCommand('rename', first)
    await waitFor(() => expect(titles()).toEqual(['Chapter one', '第2章']))
    editor.runCommand('down', first)
    await waitFor(() => expect(titles()).toEqual(['第2章', 'Chapter one']))
    fakes.confirm.mockRejectedValueOnce('cancel')
    editor.runCommand('delete', second)
    await waitFor(() => expect(fakes.confirm).toHaveBeenCalledTimes(1))
    expect(fakes.confirm.mock.calls[0]).toEqual([
      'Delete section “第2章” with its sub-sections and their questions (2)?',
      expect.anything(),
    ])
    expect(titles()).toEqual(['第2章', 'Chapter one'])
    fakes.confirm.mockResolvedValueOnce('confirm')
    editor.runCommand('delete', second)
    await waitFor(() => expect(titles()).toEqual(['Chapter one']))
  })

  it('gives every question of a section and its sub-sections the batch score', async () => {
    const editor = openEditor()
    const second = editor.sections.value[1]
    if (!second) throw new Error('a second section')
    fakes.prompt.mockResolvedValueOnce({ value: '4' })
    editor.runCommand('batchScore', second)
    await waitFor(() => expect(editor.total.value).toBe(18))
    expect(fakes.success).toHaveBeenCalledWith('Saved')
  })

  it('adds picked questions to the section the picker was opened for, skipping those already in', async () => {
    const editor = openEditor()
    const first = editor.sections.value[0]
    if (!first) throw new Error('a first section')
    editor.runCommand('addQuestions', first)
    expect(editor.picker).toEqual({ visible: true, sectionId: first.id })
    expect(editor.selectedId.value).toBe(first.id)
    expect(editor.pickerSection.value?.title).toBe('第1章')
    expect([...editor.presentIds.value].sort()).toEqual(['q1', 'q2', 'q3'])
    await editor.addPicked(['q4', 'q2', 'q5'])
    expect(editor.picker.visible).toBe(false)
    expect(fakes.success).toHaveBeenCalledWith('Questions added: 2')
    expect(fakes.warning).toHaveBeenCalledWith('Already in this definition and skipped: 1')
    await waitFor(() =>
      expect(storedSections()[0]?.items.map((i) => i.questionId)).toEqual(['q1', 'q4', 'q5']),
    )
  })

  it('scores, moves and removes a question of the selected section', async () => {
    const editor = openEditor()
    const items = () => storedSections()[1]?.sections[0]?.items ?? []
    await editor.questionCommands.score('q3', 7)
    await waitFor(() => expect(items()[1]).toEqual({ questionId: 'q3', score: 7 }))
    await editor.questionCommands.move('q3', -1)
    await waitFor(() => expect(items().map((i) => i.questionId)).toEqual(['q3', 'q2']))
    await editor.questionCommands.remove('q2')
    await waitFor(() => expect(items().map((i) => i.questionId)).toEqual(['q3']))
  })

  it('previews a question it knows', () => {
    const editor = openEditor()
    editor.preview('q2')
    expect(editor.previewing.value?.id).toBe('q2')
    editor.preview('q-gone')
    expect(editor.previewing.value).toBeNull()
  })

  it('writes nothing to a definition the user may not change, and says so', async () => {
    const editor = openEditor('d-other')
    await editor.questionCommands.remove('q1')
    expect(fakes.error).toHaveBeenCalledTimes(1)
    expect(storedSections('d-other')[0]?.items).toHaveLength(1)
  })

  it('copies another teacher’s definition as a draft of the user’s and opens it', async () => {
    const editor = openEditor('d-other')
    expect(editor.canCopy.value).toBe(true)
    await editor.copyAndOpen()
    const copy = useDefinitionStore().items.find((d) => d.copiedFromId === 'd-other')
    expect(copy).toMatchObject({ authorId: TEACHER.id, status: 'draft', title: '数学作业 (copy)' })
    expect(router.currentRoute.value.params.id).toBe(copy?.id)
  })
})
