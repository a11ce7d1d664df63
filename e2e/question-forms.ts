// The question editor as a user drives it: one filling of each type's editor (with the live validation checks
// along the way, worded in zh-CN), shared by the specs that write questions through the UI.
import { crc32, deflateSync } from 'node:zlib'
import { expect, type Locator, type Page } from '@playwright/test'
import { choose, openRoute } from './app.ts'

export const TEACHER = { account: '13800000002', password: 'demo-2026' }
export const SUBJECT = '数学'
export const PNG = squarePng(64)

export const STEMS = {
  single_choice: '1 + 2 = ?',
  multiple_choice: '下列哪些是偶数？',
  ordering: '把下列数从小到大排列',
  short_answer: '简述勾股定理',
  true_false: '3 + 3 = 9，是否正确',
  attachment: '上传你的作图',
  matching: '把上下句配对',
  fill_blank: '2 + 2 = ',
} as const
export type Type = keyof typeof STEMS
export const TYPES = Object.keys(STEMS) as Type[]

/** What the spec uses of the page's globals (the e2e code is compiled without the DOM library). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: unknown[], name: string, options: { type: string }) => unknown
  ClipboardEvent: new (type: string, init: Record<string, unknown>) => Event
}

interface Caret {
  anchorNode: { textContent: string | null } | null
  anchorOffset: number
}

/** Runs in the page: is the caret at the very start of the editor's text? */
function caretAtStart(editor: unknown): boolean {
  const { ownerDocument, textContent } = editor as {
    ownerDocument: { getSelection(): Caret | null }
    textContent: string
  }
  const caret = ownerDocument.getSelection()
  return (
    caret?.anchorOffset === 0 &&
    !!caret.anchorNode?.textContent &&
    textContent.startsWith(caret.anchorNode.textContent)
  )
}

/** A blue square as a PNG file (8-bit RGB, unfiltered rows). */
function squarePng(size: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([64, 128, 255]))])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The editor's own route (the list's add menu is the question bank's spec's business). */
export async function openNew(page: Page, type: Type): Promise<void> {
  await openRoute(page, `#/questions/new/${type}`)
  await expect(page.getByTestId('question-editor')).toHaveAttribute('data-type', type)
}

export async function typeStem(page: Page, text: string): Promise<void> {
  await page.getByTestId('stem-input').click()
  await page.keyboard.type(text)
}

export async function chooseSubject(page: Page): Promise<void> {
  await choose(page, page.getByTestId('question-subject'), SUBJECT)
}

export function contentProblems(page: Page): Locator {
  return page.getByTestId('content-problems')
}

export async function saveDraft(page: Page): Promise<void> {
  await expect(page.getByTestId('question-save-draft')).toBeEnabled()
  await page.getByTestId('question-save-draft').click()
  await expect(page.locator('.el-message--success').last()).toBeVisible()
}

export async function backToList(page: Page): Promise<void> {
  await page.getByTestId('question-cancel').click()
  await expect(page.getByTestId('question-bank-page')).toBeVisible()
}

export async function fillInputs(inputs: Locator, texts: string[]): Promise<void> {
  for (const [index, text] of texts.entries()) await inputs.nth(index).fill(text)
}

// Element Plus puts a `data-test` of el-input on the <input> itself, of el-input-number on its wrapper.
export const FILL: Record<Type, (page: Page) => Promise<void>> = {
  single_choice: async (page) => {
    const chooser = page.waitForEvent('filechooser')
    await page.getByTestId('stem-image').click()
    await (await chooser).setFiles({ name: 'triangle.png', mimeType: 'image/png', buffer: PNG })
    const image = page.getByTestId('stem-input').locator('img.stem-image')
    await expect(image).toHaveAttribute('data-blob', /^[0-9a-f]{64}$/)
    await expect(image).toHaveAttribute('src', /^blob:/)
    await fillInputs(page.getByTestId('choice-option-text'), ['3', '4', '5', '6'])
    // No answer marked yet: the rule says why it cannot be published, but a draft is a draft and saves.
    await expect(contentProblems(page)).toContainText('单选题必须恰好有一个正确答案（现在有 0 个）')
    await expect(page.getByTestId('question-publish')).toBeDisabled()
    await page.getByTestId('question-save-draft').click()
    await expect(page.locator('.el-message--warning').last()).toContainText(
      '草稿已保存，发布前还有 1 个问题需要修改',
    )
    await page.getByTestId('choice-option-correct').first().click()
    await expect(contentProblems(page)).toBeHidden()
  },
  multiple_choice: async (page) => {
    // An image file pasted into the stem goes to the blob store like a chosen one.
    await page.getByTestId('stem-input').evaluate(
      (editor, bytes) => {
        const page = globalThis as unknown as PageGlobals
        const clipboard = new page.DataTransfer()
        clipboard.items.add(new page.File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }))
        editor.dispatchEvent(
          new page.ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
        )
      },
      [...PNG],
    )
    await expect(page.getByTestId('stem-input').locator('img.stem-image')).toHaveAttribute(
      'alt',
      'pasted.png',
    )
    const options = page.getByTestId('choice-option-text')
    await fillInputs(options, ['2', '3', '4', '5'])
    // Enter in an option adds the next one; an empty option is a problem until removed.
    await options.nth(3).press('Enter')
    await expect(options).toHaveCount(5)
    await expect(options.nth(4)).toBeFocused()
    await expect(contentProblems(page)).toContainText('选项 E 不能为空')
    await page.getByTestId('choice-option').nth(4).getByTestId('row-remove').click()
    await expect(options).toHaveCount(4)
    await expect(contentProblems(page)).toContainText('多选题至少需要一个正确答案')
    await page.getByTestId('choice-option-correct').nth(0).click()
    await page.getByTestId('choice-option-correct').nth(2).click()
  },
  ordering: async (page) => {
    const items = page.getByTestId('ordering-item-text')
    await fillInputs(items, ['1', '3'])
    await items.nth(1).press('Enter')
    await page.keyboard.type('2')
    await page.getByTestId('ordering-item').nth(2).getByTestId('row-up').click()
    await expect(items.nth(1)).toHaveValue('2')
    await expect(items.nth(2)).toHaveValue('3')
  },
  short_answer: async (page) => {
    await page.getByTestId('short-answer-editor').fill('直角三角形两直角边的平方和等于斜边的平方')
    await page.getByTestId('question-explanation').fill('a² + b² = c²')
  },
  true_false: async (page) => {
    await expect(contentProblems(page)).toContainText('请选择判断题的答案')
    await page.getByTestId('true-false-false').click()
  },
  attachment: async (page) => {
    const count = page.getByTestId('attachment-max-files').locator('input')
    await count.fill('3')
    await count.press('Tab')
    await expect(count).toHaveValue('3')
  },
  matching: async (page) => {
    await fillInputs(page.getByTestId('matching-left'), ['床前明月光', '举头望明月'])
    await fillInputs(page.getByTestId('matching-right'), ['疑是地上霜', '低头思故乡'])
  },
  fill_blank: async (page) => {
    await expect(contentProblems(page)).toContainText('填空题至少需要一个空')
    await page.getByTestId('stem-insert-blank').click()
    // TipTap gives the editor focus back on the next animation frame: type once it has it.
    await expect(page.getByTestId('stem-input')).toBeFocused()
    await page.keyboard.type('，3 + 3 = ')
    await page.getByTestId('stem-insert-blank').click()
    await expect(page.getByTestId('stem-input')).toContainText('2 + 2 = {{1}}，3 + 3 = {{2}}')
    const rows = page.getByTestId('fill-blank-answers')
    await expect(rows).toHaveCount(2)
    await rows.nth(0).fill('4')
    await rows.nth(0).press('Enter')
    await expect(contentProblems(page)).toContainText('第 2 空还没有可接受的答案')
    await expect(page.getByTestId('question-publish')).toBeDisabled()
    await rows.nth(1).fill('6')
    await rows.nth(1).press('Enter')
    await expect(contentProblems(page)).toBeHidden()
    // A blank inserted before the others is numbered 1 and the answers follow their blanks.
    const stem = page.getByTestId('stem-input')
    await stem.press('Control+Home')
    expect(await stem.evaluate(caretAtStart)).toBe(true)
    await page.getByTestId('stem-insert-blank').click()
    await expect(stem).toContainText('{{1}}2 + 2 = {{2}}，3 + 3 = {{3}}')
    await expect(page.getByTestId('fill-blank-row').nth(1)).toContainText('4')
    await expect(contentProblems(page)).toContainText('第 1 空还没有可接受的答案')
    // Undoing the insertion leaves a gap until the blanks are renumbered.
    await page.getByTestId('stem-undo').click()
    await expect(stem).toContainText('2 + 2 = {{2}}，3 + 3 = {{3}}')
    await expect(contentProblems(page)).toContainText('应从 1 起连续编号')
    await page.getByTestId('stem-renumber-blanks').click()
    await expect(stem).toContainText('2 + 2 = {{1}}，3 + 3 = {{2}}')
    await expect(page.getByTestId('fill-blank-row')).toHaveCount(2)
    await expect(page.getByTestId('fill-blank-row').nth(1)).toContainText('6')
    await expect(contentProblems(page)).toBeHidden()
  },
}
