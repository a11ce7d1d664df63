import dayjs from 'dayjs'
import { ElMessage } from 'element-plus'
import { computed, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { canEditArticle, type Article, type ArticleStatus } from '../../../../domain/site/article.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import { useAuthStore } from '../auth/store.ts'
import { useServerNow } from '../auth/use-server-now.ts'
import { useUnsavedGuard } from '../question-editor/use-unsaved-guard.ts'
import { inOrder } from './ordering.ts'
import { articleFields, draftOf, draftProblems, emptyDraft, type ArticleDraft } from './article-draft.ts'
import { useArticleStore, useArticleTypeStore } from './store.ts'
import { usePublicLinks } from './use-public-links.ts'

const CLOCK_TICK_MS = 30_000
const HOUR = 3_600_000

/**
 * SITE-3 the article editor (`/site/articles/new`, `/site/articles/:id/edit`): saved to the local replica, so it
 * works offline and reaches the public site when the PC is back online. "Publish" makes it public at once (or at
 * the chosen time, by the server's clock); "Save draft" keeps it (or takes it) off the site. Articles of other
 * authors open read-only for staff.
 */
export function useArticleEditor() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const auth = useAuthStore()
  const articles = useArticleStore()
  const types = useArticleTypeStore()
  const links = usePublicLinks()
  const now = useServerNow(CLOCK_TICK_MS)

  const ready = ref(false)
  const saving = ref(false)
  const stored = ref<Article | null>(null)
  const draft = reactive<ArticleDraft>(emptyDraft(null))
  const savedSnapshot = ref('')

  const readOnly = computed(() => {
    const user = auth.user
    return !user || (stored.value !== null && !canEditArticle(user, stored.value))
  })
  /** Enabled types, and the article's own even when disabled since. */
  const typeOptions = computed(() =>
    inOrder(types.items)
      .filter((type) => type.enabled || type.id === stored.value?.typeId)
      .map((type) => ({ value: type.id, label: type.name })),
  )
  const saveProblems = computed(() => draftProblems(draft, false, now.value))
  const publishProblems = computed(() => draftProblems(draft, true, now.value))
  const snapshot = () => JSON.stringify(draft)
  const dirty = computed(() => ready.value && !readOnly.value && snapshot() !== savedSnapshot.value)
  const canSave = computed(
    () => ready.value && !readOnly.value && !saving.value && saveProblems.value.length === 0,
  )
  const canPublish = computed(() => canSave.value && publishProblems.value.length === 0)
  const publicLink = computed(() => (stored.value ? links.ofArticle(stored.value.id) : null))

  function markSaved(): void {
    savedSnapshot.value = snapshot()
  }

  function leave(message?: string): void {
    if (message) ElMessage.warning(message)
    void router.push({ name: 'site', query: { tab: 'articles' } })
  }

  function start(): void {
    if (route.name !== 'site-article-edit') {
      watch(
        () => types.loaded,
        (loaded) => {
          if (!loaded || ready.value) return
          Object.assign(draft, emptyDraft(typeOptions.value[0]?.value ?? null))
          markSaved()
          ready.value = true
        },
        { immediate: true },
      )
      return
    }
    const id = String(route.params.id)
    watch(
      () => articles.loaded,
      (loaded) => {
        if (!loaded || ready.value) return
        const article = articles.items.find((candidate) => candidate.id === id)
        if (!article) return leave(t('site.editor.notFound'))
        stored.value = article
        Object.assign(draft, draftOf(article))
        markSaved()
        ready.value = true
      },
      { immediate: true },
    )
  }

  async function write(status: ArticleStatus): Promise<boolean> {
    const user = auth.user
    if (!user) return false
    saving.value = true
    const fields = articleFields(draft, status)
    try {
      const current = stored.value
      stored.value = current
        ? await articles.patch(current.id, {
            summary: undefined,
            cover: undefined,
            publishAt: undefined,
            ...fields,
          })
        : await articles.insert({ ...fields, authorId: user.id })
      markSaved()
      return true
    } catch (error) {
      ElMessage.error({ message: t('common.refused', { reason: reasonOf(error) }), grouping: true })
      return false
    } finally {
      saving.value = false
    }
  }

  async function saveDraft(): Promise<void> {
    if (canSave.value && (await write('draft'))) ElMessage.success(t('site.editor.draftSaved'))
  }

  async function publish(): Promise<void> {
    if (!canPublish.value || !(await write('published'))) return
    const at = draft.publishLater ? draft.publishAt : null
    ElMessage.success(
      at === null
        ? t('site.editor.published')
        : t('site.editor.scheduled', { time: dayjs(at).format('YYYY-MM-DD HH:mm') }),
    )
    leave()
  }

  function setPublishLater(later: boolean): void {
    draft.publishLater = later
    // "Publish at" starts at the first full hour at least half an hour away.
    if (later && draft.publishAt === null) draft.publishAt = Math.ceil((now.value + HOUR / 2) / HOUR) * HOUR
  }

  function addImage(image: BlobRef): void {
    draft.images = [...draft.images, image]
  }

  useUnsavedGuard(dirty, () => void saveDraft())
  start()

  return {
    ready,
    saving,
    stored,
    draft,
    readOnly,
    typeOptions,
    saveProblems,
    publishProblems,
    canSave,
    canPublish,
    publicLink,
    saveDraft,
    publish,
    setPublishLater,
    addImage,
    cancel: () => leave(),
    copyLink: () => links.copy(publicLink.value),
    openLink: () => links.open(publicLink.value),
  }
}
