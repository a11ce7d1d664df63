// The homework definition screens as a user drives them, shared by the specs that build definitions.
import { expect, type Locator, type Page } from '@playwright/test'
import { choose } from './app.ts'

export const messageBox = (page: Page) => page.locator('.el-message-box')

/** Answers a prompt of the section editor (Enter confirms). */
export async function answerPrompt(page: Page, value: string): Promise<void> {
  const input = messageBox(page).locator('input')
  await expect(input).toBeFocused()
  await input.fill(value)
  await input.press('Enter')
  await expect(messageBox(page)).toBeHidden()
}

export function sectionNode(page: Page, title: string): Locator {
  return page.getByTestId('section-node').filter({ hasText: title })
}

/** Right-clicks a section and chooses a command of its context menu. */
export async function contextCommand(page: Page, title: string, command: string): Promise<void> {
  await sectionNode(page, title).click({ button: 'right' })
  await page.locator(`[data-test="section-menu-${command}"]:visible`).click()
}

export function pickerRow(page: Page, stem: string): Locator {
  return page.getByTestId('question-picker-row').filter({ hasText: stem })
}

export function definitionRow(page: Page, title: string): Locator {
  return page.getByTestId('definition-row').filter({ has: page.getByText(title, { exact: true }) })
}

/** Creates a definition through the add dialog; the editor opens on it. */
export async function addDefinition(page: Page, title: string, subject: string): Promise<void> {
  await page.getByTestId('definition-add').click()
  await expect(page.getByTestId('definition-form-title')).toBeFocused()
  await page.getByTestId('definition-form-title').fill(title)
  await choose(page, page.getByTestId('definition-form-subject'), subject)
  await page.getByTestId('definition-form-submit').click()
  await expect(page.getByTestId('definition-title')).toHaveText(title)
}

/** Adds the questions with these stems to the selected section through the picker. */
export async function pickQuestions(page: Page, stems: readonly string[]): Promise<void> {
  await page.getByTestId('section-add-questions').click()
  await expect(page.getByTestId('question-picker')).toBeVisible()
  for (const stem of stems) await pickerRow(page, stem).getByTestId('question-picker-pick').click()
  await page.getByTestId('question-picker-submit').click()
  await expect(page.getByTestId('question-picker')).toBeHidden()
}
