import { ElMessage } from 'element-plus'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { canEditCourse, type Course } from '../../../../domain/courses/course.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import { useAuthStore } from '../auth/store.ts'
import { useChapterStore, useCourseStore } from './store.ts'
import { useCourseProblems } from './use-course-problems.ts'

/**
 * What can be done to a whole course, from the list and from the editor alike: the permission questions that
 * hide buttons, list / unlist (refused in words while no chapter is published) and delete with its chapters
 * (refused in words while one is published).
 */
export function useCourseActions() {
  const store = useCourseStore()
  const chapters = useChapterStore()
  const auth = useAuthStore()
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const { refused } = useCourseProblems()

  /** A new course by the current user, a draft. */
  function ownDraft(fields: Omit<Draft<Course>, 'authorId' | 'status'>): Draft<Course> {
    return { ...fields, authorId: auth.user?.id ?? '', status: 'draft' }
  }

  const canCreate = computed(() => store.canCreate)
  const canEdit = (course: Course): boolean => (auth.user ? canEditCourse(auth.user, course) : false)
  const canDelete = canEdit
  const chaptersOf = (course: Course) => chapters.items.filter((chapter) => chapter.courseId === course.id)

  async function setListed(course: Course, listed: boolean): Promise<boolean> {
    const next: Course = { ...course, status: listed ? 'listed' : 'unlisted' }
    const title = t('courses.cannotList', { title: course.title })
    if (await refused(title, course, chaptersOf(course), [next])) return false
    const message = t(listed ? 'courses.listed' : 'courses.unlisted', { title: course.title })
    return succeeded(() => store.patch(course.id, { status: next.status }), message)
  }

  /** Deletes the course with its chapters once the user confirms. */
  async function remove(course: Course): Promise<boolean> {
    const own = chaptersOf(course)
    const writes = [...own, course].map((doc) => ({ ...doc, _deleted: true }))
    if (await refused(t('common.confirmDeleteTitle'), course, own, writes)) return false
    if (!(await confirmDelete(t('courses.confirmDelete', { title: course.title, n: own.length }))))
      return false
    // The chapters go first (one write, so one push), the course after them: the server refuses a course deleted
    // while its chapters stay.
    const removed = await succeeded(() => chapters.bulkRemove(own.map((chapter) => chapter.id)))
    if (!removed) return false
    const done = await succeeded(() => store.remove(course.id))
    if (done) ElMessage.success(t('common.deleted'))
    return done
  }

  return { ownDraft, canCreate, canEdit, canDelete, setListed, remove }
}
