import { ElMessageBox } from 'element-plus'
import { h } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Chapter } from '../../../../domain/courses/chapter.ts'
import type { Course } from '../../../../domain/courses/course.ts'
import { courseWriteProblems, type CourseDocument } from '../../../../domain/courses/rules.ts'
import { problemWords } from './course-problems.ts'

type Write = CourseDocument & { _deleted?: boolean }

/**
 * The rules of DESIGN §7.3 checked before a write on this PC (the server checks them again): `refused` says in
 * words, naming the chapters, why the write is not made, and resolves with whether it was refused.
 */
export function useCourseProblems() {
  const { t } = useI18n()

  async function refused(
    title: string,
    course: Course | null,
    chapters: readonly Chapter[],
    writes: readonly Write[],
  ): Promise<boolean> {
    const before: CourseDocument[] = [...(course ? [course] : []), ...chapters]
    const problems = courseWriteProblems(before, writes)
    if (problems.length === 0) return false
    const named = [...chapters, ...writes.filter((doc): doc is Chapter => doc.kind === 'chapter')]
    const items = problems.map((problem) => {
      const { key, params } = problemWords(problem, course, named)
      return h('li', t(key, params))
    })
    await ElMessageBox.alert(h('ul', { class: 'course-problems', 'data-test': 'course-problems' }, items), {
      title,
      type: 'warning',
      confirmButtonText: t('common.confirm'),
    }).catch(() => undefined)
    return true
  }

  return { refused }
}
