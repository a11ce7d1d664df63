import { ElMessage, ElMessageBox } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { copyCourseToSchool, courseBlobs } from '../../../../domain/courses/copy.ts'
import type { SharedCourse } from '../../../../domain/courses/courses-wire.ts'
import { newId } from '../../../../domain/documents.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import { useAuthStore } from '../auth/store.ts'
import { useCourseLibraryStore } from './library-store.ts'
import { useChapterStore, useCourseStore } from './store.ts'

/**
 * "Copy to my school" (CRS-5): the shared course's published chapters and files become an editable draft of the
 * current user's. The files are downloaded from the shared route and put into this PC's blob cache (queued for
 * upload to this school like any new file) before anything is written, so a copy never points at missing bytes.
 */
export function useCourseCopy() {
  const auth = useAuthStore()
  const library = useCourseLibraryStore()
  const courses = useCourseStore()
  const chapters = useChapterStore()
  const blobs = useBlobCache()
  const { t } = useI18n()
  /** The copy under way: which course, how many files are fetched. */
  const copying = ref<{ title: string; done: number; total: number } | null>(null)

  async function copy(shared: SharedCourse): Promise<string | null> {
    const user = auth.user
    if (!user || copying.value) return null
    const title = shared.course.title
    const confirmed = await ElMessageBox.confirm(
      t('courses.library.confirmCopy', { title, n: shared.chapters.length }),
      {
        title: t('courses.actions.copy'),
        type: 'info',
        confirmButtonText: t('courses.actions.copy'),
        cancelButtonText: t('common.cancel'),
      },
    ).then(
      () => true,
      () => false,
    )
    if (!confirmed) return null
    const files = courseBlobs(shared.course, shared.chapters)
    copying.value = { title, done: 0, total: files.length }
    try {
      for (const file of files) {
        await blobs.add(await library.bytes(shared, file), file.name)
        copying.value = { title, done: copying.value.done + 1, total: files.length }
      }
      const copied = copyCourseToSchool(shared, {
        schoolId: user.schoolId,
        authorId: user.id,
        newId,
        now: Date.now(),
      })
      await courses.bulkPut([copied.course])
      await chapters.bulkPut(copied.chapters)
      ElMessage.success(t('courses.library.copied', { title }))
      return copied.course.id
    } catch (error) {
      ElMessage.error(t('courses.library.copyFailed', { title, reason: reasonOf(error) }))
      return null
    } finally {
      copying.value = null
    }
  }

  return { copying, copy }
}
