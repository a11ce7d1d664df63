// course_tree_render_ms (issue 14): opening a course of 300 chapters in the chapter tree editor — the real build in
// Chromium, synced from a real sync server, timed from the click on the course in the list to the tree painted.
import type { Page } from 'playwright-core'
import type { Chapter } from '../domain/courses/chapter.ts'
import type { Course } from '../domain/courses/course.ts'
import type { WireDocument } from '../domain/documents.ts'
import { validateDocument } from '../domain/validation.ts'
import { seedDemo } from '../sync-server/src/seed/demo.ts'
import type { Store } from '../sync-server/src/store/index.ts'
import { APP_DIR, buildApp, launchChromium, openApp } from './page.ts'
import { DEMO_TEACHER } from './seed.ts'
import { startBenchServer } from './server.ts'
import { median, percentile } from './stats.ts'

const COURSE_ID = 'bench-course-300'
const COURSE_TITLE = '三百章节的课程'
/** 30 chapters of 9 sub-chapters each: 300 chapters, the 270 leaves with a PDF each, the first half published. */
const TOP = 30
const SUB = 9

const common = (id: string) => ({ id, schoolId: 'demo', updatedAt: 1, _deleted: false })

/** The course and its 300 chapters, by the demo teacher, each checked as the server checks a push. */
export function courseOf300(): WireDocument[] {
  const course: WireDocument<Course> = {
    ...common(COURSE_ID),
    kind: 'course',
    authorId: DEMO_TEACHER.id,
    title: COURSE_TITLE,
    lecturer: '李老师',
    visibility: 'school',
    shareSchoolIds: [],
    shareClassIds: [],
    status: 'listed',
  }
  const chapters: WireDocument<Chapter>[] = []
  for (let top = 1; top <= TOP; top++) {
    const published = top <= TOP / 2
    const parentId = `bench-chapter-${top}`
    chapters.push({
      ...common(parentId),
      kind: 'chapter',
      courseId: COURSE_ID,
      parentId: null,
      title: `第${top}章 单元 ${top}`,
      order: top,
      attachments: [],
      published,
    })
    for (let sub = 1; sub <= SUB; sub++) {
      chapters.push({
        ...common(`${parentId}-${sub}`),
        kind: 'chapter',
        courseId: COURSE_ID,
        parentId,
        title: `${top}.${sub} 第${sub}节`,
        order: sub,
        attachments: [
          {
            sha256: `${top}`.padStart(4, '0').repeat(16),
            name: `${top}.${sub} 讲义.pdf`,
            size: 1024,
            mime: 'application/pdf',
          },
        ],
        published,
      })
    }
  }
  const docs = [course, ...chapters]
  const invalid = docs.flatMap((doc) => {
    const result = validateDocument('courses', doc)
    return result.ok ? [] : result.errors
  })
  if (invalid.length) throw new Error(`bench course is invalid: ${invalid.slice(0, 5).join('; ')}`)
  return docs
}

async function seedCourse(store: Store): Promise<void> {
  await seedDemo(store)
  const docs = courseOf300()
  await store.writeDocuments('demo', 'courses', [], () => ({ writes: docs, result: null }))
}

/**
 * Runs in the page. Arms `window.courseTreeShown`: resolves once, after the next click, the editor shows the course
 * and its tree has rendered `minimumNodes` chapter rows (the virtual tree renders those in view), then the next
 * animation frame. Timed inside the page from the click's own `timeStamp`.
 */
function armWatch({ title, minimumNodes }: { title: string; minimumNodes: number }): void {
  const shows = () =>
    document.querySelector('[data-test=course-editor-title]')?.textContent === title &&
    document.querySelectorAll('[data-test=chapter-node]').length >= minimumNodes
  const watched = globalThis as unknown as { courseTreeShown: Promise<number> }
  watched.courseTreeShown = new Promise<number>((resolve, reject) => {
    let startedAt: number | undefined
    const observer = new MutationObserver(() => check())
    const timeout = setTimeout(() => {
      observer.disconnect()
      reject(new Error('the chapter tree did not show within 30 s'))
    }, 30_000)
    const check = () => {
      if (startedAt === undefined || !shows()) return
      const started = startedAt
      observer.disconnect()
      clearTimeout(timeout)
      requestAnimationFrame(() => resolve(performance.now() - started))
    }
    addEventListener('click', (event) => (startedAt = event.timeStamp), { capture: true, once: true })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}

async function timedOpen(page: Page): Promise<number> {
  await page.evaluate(armWatch, { title: COURSE_TITLE, minimumNodes: 15 })
  await page.click(`[data-test=course-row][data-id="${COURSE_ID}"] [data-test=course-title]`)
  return page.evaluate(() => (globalThis as unknown as { courseTreeShown: Promise<number> }).courseTreeShown)
}

export interface CourseTreeNumbers {
  p50: number
  p95: number
  firstMs: number
  chapters: number
  opensMs: number[]
}

export async function measureCourseTreeRender(opens: number): Promise<CourseTreeNumbers> {
  buildApp()
  const server = await startBenchServer(seedCourse, APP_DIR)
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await openApp(context, server.url)
    await page.click('[data-test=login-tab-password]')
    await page.fill('[data-test=login-account]', DEMO_TEACHER.account)
    await page.fill('[data-test=login-password]', DEMO_TEACHER.password)
    await page.click('[data-test=login-submit]')
    await page.waitForSelector('[data-test=sync-status][data-phase=synced]', { timeout: 300_000 })
    const times: number[] = []
    for (let run = 0; run <= opens; run++) {
      await page.click('[data-test=menu-courses]')
      await page.waitForSelector(`[data-test=course-row][data-id="${COURSE_ID}"]`)
      times.push(await timedOpen(page))
      console.log(`course tree: open ${run} → ${Math.round(times[run] ?? 0)} ms`)
    }
    const [first = Number.NaN, ...rest] = times
    return {
      p50: median(rest),
      p95: percentile(rest, 95),
      firstMs: first,
      chapters: TOP * (SUB + 1),
      opensMs: times,
    }
  } finally {
    await browser.close()
    await server.close()
  }
}
