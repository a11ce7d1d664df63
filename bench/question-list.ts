// question_list_search_ms (issue 5): what a teacher feels on the question bank screen with 20,000 questions in
// the local replica: the real build in Chromium, synced from a real sync server, filtered and searched by hand.
import type { Page } from 'playwright-core'
import { createQuestionIndex, defaultQuestionFilter } from '../domain/questions/filter.ts'
import { APP_DIR, buildApp, launchChromium, openApp } from './page.ts'
import { QUESTION_SET } from './questions.ts'
import { startBenchServer } from './server.ts'
import { DEMO_TEACHER, seedDemoQuestions, type DemoQuestions } from './seed.ts'
import { median, percentile } from './stats.ts'

/** A subject picked in the filter bar (by name; none keeps the current one), then a term typed into the search. */
interface Search {
  subject?: string
  text: string
}

/** Chinese and English, one term or several, matching none, a few or thousands; consecutive results differ. */
const SEARCHES: Search[] = [
  { text: '方程' },
  { text: 'citizen' },
  { text: '细胞核' },
  { text: 'zebra' },
  { text: '第 12 课' },
  { subject: '数学', text: 'triangle' },
  { text: '方程' },
  { subject: '英语', text: 'verb' },
  { text: '汽车' },
  { subject: '物理', text: '折射' },
  { text: 'ball' },
  { subject: '生物', text: '光合' },
  { text: 'organelle' },
  { subject: '地理', text: 'canberra' },
  { text: '长江' },
  { subject: '化学', text: 'moles' },
  { text: '纯净物' },
  { subject: '历史', text: 'jefferson' },
  { text: '辛亥' },
  { subject: '信息技术', text: '二进制' },
  { text: 'loop' },
  { subject: '语文', text: '明月' },
  { text: '读音' },
  { subject: '道德与法治', text: '法律' },
  { text: '' },
]

/** What the screen shows once it has caught up: the count and the question on top of the list. */
interface Expected {
  count: number
  firstId: string | null
}

/** From the user's event (its own `timeStamp`) to the DOM showing the result, and to the frame painting it. */
interface Shown {
  domMs: number
  paintMs: number
}

type WatchedEvent = 'click' | 'input'

/**
 * Runs in the page. Arms `window.questionListShown`: resolves once, after the next `eventType`, the count and
 * the top row are `expected`. Timed inside the page, so Playwright's round trips are not counted.
 */
function armWatch({ eventType, expected }: { eventType: WatchedEvent; expected: Expected }): void {
  const shows = (): boolean => {
    const countText = document.querySelector('[data-test=question-count]')?.textContent ?? ''
    if (Number(countText.replace(/\D/g, '')) !== expected.count) return false
    const rows = [...document.querySelectorAll<HTMLElement>('[data-test=question-row]')]
    if (expected.firstId === null) return rows.length === 0
    const top = rows.reduce<HTMLElement | undefined>(
      (best, row) =>
        !best || row.getBoundingClientRect().top < best.getBoundingClientRect().top ? row : best,
      undefined,
    )
    return top?.dataset.id === expected.firstId
  }
  const watched = globalThis as unknown as { questionListShown: Promise<Shown> }
  watched.questionListShown = new Promise<Shown>((resolve, reject) => {
    let startedAt: number | undefined
    const observer = new MutationObserver(() => check())
    const timeout = setTimeout(() => {
      observer.disconnect()
      reject(new Error(`the list did not show ${JSON.stringify(expected)} within 30 s`))
    }, 30_000)
    const check = () => {
      if (startedAt === undefined || !shows()) return
      const started = startedAt
      const domMs = performance.now() - started
      observer.disconnect()
      clearTimeout(timeout)
      requestAnimationFrame(() => resolve({ domMs, paintMs: performance.now() - started }))
    }
    addEventListener(eventType, (event) => (startedAt = event.timeStamp), { capture: true, once: true })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

async function timedUntilShown(
  page: Page,
  eventType: WatchedEvent,
  expected: Expected,
  act: () => Promise<unknown>,
): Promise<Shown> {
  await page.evaluate(armWatch, { eventType, expected })
  await act()
  return page.evaluate(
    () => (globalThis as unknown as { questionListShown: Promise<Shown> }).questionListShown,
  )
}

async function logInAndSync(page: Page): Promise<void> {
  await page.click('[data-test=login-tab-password]')
  await page.fill('[data-test=login-account]', DEMO_TEACHER.account)
  await page.fill('[data-test=login-password]', DEMO_TEACHER.password)
  await page.click('[data-test=login-submit]')
  await page.waitForSelector('[data-test=sync-status][data-phase=synced]', { timeout: 300_000 })
}

/** Opens the filter bar's subject select; returns the click on the subject's option (the user's choice). */
async function openSubjectChoice(page: Page, name: string): Promise<() => Promise<void>> {
  await page.click('[data-test=question-filter-subject]')
  const option = page
    .locator('.el-select-dropdown__item:visible')
    .filter({ hasText: new RegExp(`^${name}$`) })
  await option.waitFor()
  return () => option.click()
}

export interface QuestionListNumbers {
  /** Of the typed searches. */
  p50: number
  p95: number
  /** To the DOM showing the result, a frame earlier than the paint. */
  domP50: number
  /** The first typed search. */
  firstSearchMs: number
  /** A subject picked in the filter bar. */
  subjectPickP50: number
  /** From the click on the menu to the list of every question. */
  openMs: number
  questions: number
  searchesMs: number[]
  matches: number[]
}

export async function measureQuestionListSearch(): Promise<QuestionListNumbers> {
  buildApp()
  let seeded: DemoQuestions | undefined
  const server = await startBenchServer(
    async (store) => (seeded = await seedDemoQuestions(store, QUESTION_SET.questions)),
    APP_DIR,
  )
  if (!seeded) throw new Error('no questions seeded')
  const { questions, subjectId } = seeded
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await openApp(context, server.url)
    const index = createQuestionIndex()
    let filter = defaultQuestionFilter()
    const expected = (): Expected => {
      const rows = index.filter(questions, filter)
      return { count: rows.length, firstId: rows[0]?.id ?? null }
    }
    await logInAndSync(page)
    let onScreen = expected()
    /** Times `act`, which must change what the list shows (else nothing would be waited for). */
    const change = (eventType: WatchedEvent, act: () => Promise<unknown>) => {
      const next = expected()
      if (next.count === onScreen.count && next.firstId === onScreen.firstId)
        throw new Error(`this search leaves the list as it is: ${JSON.stringify(filter)}`)
      onScreen = next
      return timedUntilShown(page, eventType, next, act)
    }
    const open = await timedUntilShown(page, 'click', onScreen, () =>
      page.click('[data-test=menu-questions]'),
    )
    const typed: Shown[] = []
    const picks: Shown[] = []
    const matches: number[] = []
    for (const search of SEARCHES) {
      if (search.subject) {
        const subject = search.subject
        filter = { ...filter, subjectId: subjectId(subject) }
        // Timed from the click on the option: opening the select is not part of the filtering.
        const choose = await openSubjectChoice(page, subject)
        picks.push(await change('click', choose))
      }
      filter = { ...filter, text: search.text }
      const shown = await change('input', () => page.fill('[data-test=question-filter-search]', search.text))
      typed.push(shown)
      matches.push(onScreen.count)
      console.log(
        `question list: ${search.subject ?? ''} "${search.text}" → ${onScreen.count} questions, ${Math.round(shown.paintMs)} ms`,
      )
    }
    const painted = typed.map((shown) => shown.paintMs)
    return {
      p50: median(painted),
      p95: percentile(painted, 95),
      domP50: median(typed.map((shown) => shown.domMs)),
      firstSearchMs: painted[0] ?? Number.NaN,
      subjectPickP50: median(picks.map((shown) => shown.paintMs)),
      openMs: open.paintMs,
      questions: questions.length,
      searchesMs: painted,
      matches,
    }
  } finally {
    await browser.close()
    await server.close()
  }
}
