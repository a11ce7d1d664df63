import { ElMessage, type FormRules } from 'element-plus'
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import {
  MAX_COURSE_TITLE_LENGTH,
  type Course,
  type CourseVisibility,
} from '../../../../domain/courses/course.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { maxLengthRule, requiredRule } from '../../ui/form-rules.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import { useClassStore } from '../org/stores.ts'
import { useCourseStore } from './store.ts'
import { useCourseActions } from './use-course-actions.ts'
import { useSchools } from './use-schools.ts'

export const MAX_LECTURER_LENGTH = 120
export const MAX_DESCRIPTION_LENGTH = 20_000

interface CourseModel {
  title: string
  lecturer: string
  cover: BlobRef | undefined
  description: string
  visibility: CourseVisibility
  shareClassIds: string[]
  shareSchoolIds: string[]
}

/**
 * The add/edit dialog of a course (CRS-1, CRS-4): title, lecturer, cover, description, public or not, and the
 * classes of the school and other schools it is shared with. A new course is a draft of the current user's;
 * listing is done from the list, where the rules say why it cannot be.
 */
export function useCourseForm(
  visible: Ref<boolean>,
  editing: Ref<Course | null>,
  onCreated: (course: Course) => void,
) {
  const store = useCourseStore()
  const classStore = useClassStore()
  const blobs = useBlobCache()
  const { t, locale } = useI18n()
  const { run } = useWriteFeedback()
  const { ownDraft } = useCourseActions()
  const { schools, offline: schoolsOffline } = useSchools(visible)

  const dialog = useFormDialog<CourseModel>({
    visible,
    initial: () => ({
      title: editing.value?.title ?? '',
      lecturer: editing.value?.lecturer ?? '',
      cover: editing.value?.cover,
      description: editing.value?.description ?? '',
      visibility: editing.value?.visibility ?? 'school',
      shareClassIds: [...(editing.value?.shareClassIds ?? [])],
      shareSchoolIds: [...(editing.value?.shareSchoolIds ?? [])],
    }),
    save: async (model) => {
      const description = model.description.trim()
      const fields = {
        title: model.title.trim(),
        lecturer: model.lecturer.trim(),
        visibility: model.visibility,
        shareClassIds: model.shareClassIds,
        shareSchoolIds: model.shareSchoolIds,
        ...(model.cover ? { cover: model.cover } : {}),
        ...(description ? { description } : {}),
      }
      const current = editing.value
      if (current) {
        const removed = {
          ...(model.cover ? {} : { cover: undefined }),
          ...(description ? {} : { description: undefined }),
        }
        return run(() => store.patch(current.id, { ...fields, ...removed }), t('common.saved'))
      }
      const created = await run(() => store.insert(ownDraft(fields)))
      if (created) onCreated(created)
      return created
    },
  })

  /** Keeps the picked image on this PC (queued for upload) and makes it the cover. */
  async function pickCover(file: File): Promise<void> {
    if (!file.type.startsWith('image/')) {
      ElMessage.error(t('courses.rules.coverNotImage'))
      return
    }
    try {
      dialog.model.cover = await blobs.add(file, file.name)
    } catch (error) {
      ElMessage.error(t('courses.editor.attachmentFailed', { name: file.name, reason: reasonOf(error) }))
    }
  }

  const rules = computed<FormRules>(() => ({
    title: [
      requiredRule(t('courses.rules.titleRequired')),
      maxLengthRule(MAX_COURSE_TITLE_LENGTH, t('courses.rules.tooLong', { n: MAX_COURSE_TITLE_LENGTH })),
    ],
    lecturer: [
      requiredRule(t('courses.rules.lecturerRequired')),
      maxLengthRule(MAX_LECTURER_LENGTH, t('courses.rules.tooLong', { n: MAX_LECTURER_LENGTH })),
    ],
  }))

  const classOptions = computed(() => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    return [...classStore.items].sort((a, b) => collator.compare(a.name, b.name))
  })
  // A school chosen before stays offered (by its id) while the list of schools cannot be had.
  const schoolOptions = computed(() => {
    const known = new Set(schools.value.map((school) => school.id))
    const unknown = dialog.model.shareSchoolIds.filter((id) => !known.has(id)).map((id) => ({ id, name: id }))
    return [...schools.value, ...unknown]
  })
  const title = computed(() => (editing.value ? t('courses.edit') : t('courses.add')))

  return { ...dialog, rules, title, classOptions, schoolOptions, schoolsOffline, pickCover }
}
