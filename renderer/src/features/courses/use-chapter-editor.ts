import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { MAX_CHAPTER_TITLE_LENGTH, type Chapter } from '../../../../domain/courses/chapter.ts'
import { buildChapterTree, childrenByParent, nextOrder } from '../../../../domain/courses/tree.ts'
import { newId } from '../../../../domain/documents.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import {
  deletedWith,
  indentWrites,
  moveWrites,
  outdentWrites,
  publishWrites,
  type ChapterCommand,
} from './chapter-commands.ts'
import { useChapterStore, useCourseStore } from './store.ts'
import { useCourseActions } from './use-course-actions.ts'
import { useCourseProblems } from './use-course-problems.ts'

/**
 * CRS-2 the chapter tree of a course (章節-樹): add a chapter or a sub-chapter, rename, move (up, down, under
 * the chapter above, out of its parent), publish / unpublish with all sub-chapters, delete with them, and the
 * attachments of the selected chapter. Every change is checked against the rules of DESIGN §7.3 first (refused
 * in words, nothing written) and then written at once, offline too.
 */
export function useChapterEditor(courseId: Ref<string>) {
  const courses = useCourseStore()
  const store = useChapterStore()
  const blobs = useBlobCache()
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const { refused } = useCourseProblems()
  const actions = useCourseActions()

  const course = computed(() => courses.items.find((c) => c.id === courseId.value) ?? null)
  const chapters = computed(() => store.items.filter((chapter) => chapter.courseId === courseId.value))
  const tree = computed(() => buildChapterTree(chapters.value))
  const editable = computed(() => (course.value ? actions.canEdit(course.value) : false))
  const parents = computed(() => new Set(chapters.value.flatMap((c) => (c.parentId ? [c.parentId] : []))))

  const selectedId = ref<string | null>(null)
  const selected = computed(() => chapters.value.find((chapter) => chapter.id === selectedId.value) ?? null)
  const hasChildren = (chapter: Chapter) => parents.value.has(chapter.id)

  /** The titles from the top chapter down to `chapter`, joined. */
  function pathOf(chapter: Chapter): string {
    const byId = new Map(chapters.value.map((c) => [c.id, c]))
    const titles: string[] = []
    const seen = new Set<string>()
    for (let at: Chapter | undefined = chapter; at && !seen.has(at.id); at = byId.get(at.parentId ?? '')) {
      seen.add(at.id)
      titles.unshift(at.title)
    }
    return titles.join(' / ')
  }

  /** Checks `puts` and `removes` against the rules, then writes them; resolves with whether it was written. */
  async function write(title: string, puts: Chapter[], removes: Chapter[] = [], message?: string) {
    if (puts.length === 0 && removes.length === 0) return false
    const writes = [...puts, ...removes.map((chapter) => ({ ...chapter, _deleted: true }))]
    if (await refused(title, course.value, chapters.value, writes)) return false
    // One write per chapter, in the given order: RxDB writes the changes of existing documents one by one and
    // the replication may push each on its own, so every state in between must keep the rules (publishWrites
    // and deletedWith order them so).
    return succeeded(async () => {
      for (const chapter of puts) await store.bulkPut([chapter])
      if (removes.length > 0) await store.bulkRemove(removes.map((chapter) => chapter.id))
    }, message)
  }

  async function askTitle(title: string, initial = ''): Promise<string | null> {
    return ElMessageBox.prompt(t('courses.editor.chapterTitle'), {
      title,
      inputValue: initial,
      inputValidator: (text) => {
        const trimmed = text.trim()
        if (!trimmed) return t('courses.rules.titleRequired')
        return (
          trimmed.length <= MAX_CHAPTER_TITLE_LENGTH ||
          t('courses.rules.tooLong', { n: MAX_CHAPTER_TITLE_LENGTH })
        )
      },
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      customClass: 'chapter-prompt',
    }).then(
      ({ value }) => value.trim(),
      () => null,
    )
  }

  async function add(parent: Chapter | null): Promise<void> {
    const heading = t(parent ? 'courses.editor.commands.addChild' : 'courses.editor.commands.add')
    const title = await askTitle(heading)
    if (title === null) return
    const siblings = childrenByParent(chapters.value).get(parent?.id ?? null) ?? []
    const chapter: Chapter = {
      id: newId(),
      kind: 'chapter',
      schoolId: course.value?.schoolId ?? '',
      updatedAt: 0,
      courseId: courseId.value,
      parentId: parent?.id ?? null,
      title,
      order: nextOrder(siblings),
      attachments: [],
      published: false,
    }
    if (await write(heading, [chapter])) selectedId.value = chapter.id
  }

  async function rename(chapter: Chapter): Promise<void> {
    const heading = t('courses.editor.commands.rename')
    const title = await askTitle(heading, chapter.title)
    if (title !== null && title !== chapter.title) await write(heading, [{ ...chapter, title }])
  }

  async function remove(chapter: Chapter): Promise<void> {
    const heading = t('courses.editor.commands.delete')
    const removed = deletedWith(chapters.value, chapter.id)
    const writes = removed.map((c) => ({ ...c, _deleted: true }))
    if (await refused(heading, course.value, chapters.value, writes)) return
    const message = t('courses.editor.confirmDeleteChapter', { name: pathOf(chapter), n: removed.length - 1 })
    if (!(await confirmDelete(message))) return
    if (await write(heading, [], removed, t('common.deleted'))) selectedId.value = null
  }

  async function publish(chapter: Chapter, published: boolean): Promise<void> {
    const heading = t(`courses.editor.commands.${published ? 'publish' : 'unpublish'}`)
    const changed = publishWrites(chapters.value, chapter.id, published)
    const key = published ? 'courses.editor.publishedCount' : 'courses.editor.unpublishedCount'
    await write(heading, changed, [], t(key, { n: changed.length }))
  }

  function runCommand(command: ChapterCommand, chapter: Chapter): void {
    const heading = t(`courses.editor.commands.${command}`)
    const all = chapters.value
    const commands: Record<ChapterCommand, () => unknown> = {
      addChild: () => add(chapter),
      rename: () => rename(chapter),
      up: () => write(heading, moveWrites(all, chapter.id, -1)),
      down: () => write(heading, moveWrites(all, chapter.id, 1)),
      indent: () => write(heading, indentWrites(all, chapter.id)),
      outdent: () => write(heading, outdentWrites(all, chapter.id)),
      publish: () => publish(chapter, true),
      unpublish: () => publish(chapter, false),
      delete: () => remove(chapter),
    }
    void commands[command]()
  }

  // Attachments: kept on this PC at once (hashed, stored, queued for upload), then written into the chapter.
  const adding = ref<{ done: number; total: number } | null>(null)

  async function addAttachments(chapter: Chapter, files: readonly File[]): Promise<void> {
    const added: BlobRef[] = []
    adding.value = { done: 0, total: files.length }
    try {
      for (const file of files) {
        try {
          added.push(await blobs.add(file, file.name))
        } catch (error) {
          ElMessage.error(t('courses.editor.attachmentFailed', { name: file.name, reason: reasonOf(error) }))
        }
        adding.value = { done: adding.value.done + 1, total: files.length }
      }
    } finally {
      adding.value = null
    }
    const current = chapters.value.find((c) => c.id === chapter.id) ?? chapter
    const known = new Set(current.attachments.map((a) => a.sha256))
    const fresh = added.filter((blob) => !known.has(blob.sha256) && known.add(blob.sha256))
    if (fresh.length > 0) {
      await write(t('courses.editor.attachments'), [
        { ...current, attachments: [...current.attachments, ...fresh] },
      ])
    }
  }

  async function removeAttachment(chapter: Chapter, attachment: BlobRef): Promise<void> {
    const attachments = chapter.attachments.filter((a) => a.sha256 !== attachment.sha256)
    await write(t('courses.editor.attachments'), [{ ...chapter, attachments }])
  }

  return {
    loaded: computed(() => courses.loaded && store.loaded),
    course,
    chapters,
    tree,
    editable,
    selectedId,
    selected,
    hasChildren,
    pathOf,
    add: () => add(null),
    runCommand,
    /** Writes a move computed elsewhere (drag and drop). */
    move: (writes: Chapter[]) => write(t('courses.editor.move'), writes),
    adding,
    addAttachments,
    removeAttachment,
  }
}
