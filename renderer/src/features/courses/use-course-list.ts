import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import type { Course } from '../../../../domain/courses/course.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useAuthStore } from '../auth/store.ts'
import { useStaffStore } from '../org/stores.ts'
import { chapterCounts, courseRow, matchesCourse, type CourseFilter, type CourseTab } from './course-rows.ts'
import { useChapterStore, useCourseStore } from './store.ts'
import { useCourseActions } from './use-course-actions.ts'

/**
 * CRS-1/CRS-3 the course list (課程管理): the user's own courses or the school's, search by title and lecturer,
 * filters by status and visibility; add and edit in a dialog; chapters, viewer, list / unlist, delete.
 */
export function useCourseList() {
  const store = useCourseStore()
  const chapters = useChapterStore()
  const staff = useStaffStore()
  const auth = useAuthStore()
  const router = useRouter()
  const { t } = useI18n()
  const actions = useCourseActions()
  const list = useKindList(store, (course) => [course.title, course.lecturer], { label: (c) => c.title })
  const tab = ref<CourseTab>('mine')
  const filter = reactive<CourseFilter>({})

  const counts = computed(() => chapterCounts(chapters.items))
  const staffById = computed(() => new Map(staff.items.map((member) => [member.id, member])))
  const rows = computed(() => {
    const userId = auth.user?.id ?? ''
    return list.rows.value
      .filter((course) => matchesCourse(course, tab.value, userId, filter))
      .map((course) => courseRow(course, counts.value, staffById.value))
  })

  const columns = computed<TableColumn[]>(() => [
    { key: 'cover', title: t('courses.columns.cover'), width: 76 },
    { key: 'title', title: t('courses.columns.title'), width: 140, flexGrow: 2 },
    { key: 'lecturer', title: t('courses.columns.lecturer'), width: 90, flexGrow: 1 },
    { key: 'visibility', title: t('courses.columns.visibility'), width: 90 },
    { key: 'author', title: t('courses.columns.author'), width: 90, flexGrow: 1 },
    { key: 'chapters', title: t('courses.columns.chapters'), width: 140 },
    { key: 'status', title: t('courses.columns.status'), width: 80 },
    { key: 'actions', title: t('common.actions'), width: 330 },
  ])

  const openChapters = (course: Course) => router.push({ name: 'course-chapters', params: { id: course.id } })
  const openViewer = (course: Course) => router.push({ name: 'course-viewer', params: { id: course.id } })

  return {
    search: list.search,
    dialog: list.dialog,
    openCreate: list.openCreate,
    openEdit: list.openEdit,
    tab,
    filter,
    rows,
    columns,
    openChapters,
    /** After adding a course its chapters are next. */
    onCreated: (course: Course) => void openChapters(course),
    openViewer,
    ...actions,
  }
}
