import dayjs from 'dayjs'
import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { canEditArticle, type Article } from '../../../../domain/site/article.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useAuthStore } from '../auth/store.ts'
import { useServerNow } from '../auth/use-server-now.ts'
import { useStaffStore } from '../org/stores.ts'
import {
  articleState,
  articleTime,
  filterArticles,
  hotArticleIds,
  NO_ARTICLE_FILTER,
  type ArticleFilter,
  type ArticleState,
} from './article-rows.ts'
import { useArticleStore, useArticleTypeStore } from './store.ts'
import { usePageViews } from './use-page-views.ts'
import { usePendingComments } from './use-pending-comments.ts'
import { usePublicLinks } from './use-public-links.ts'

/** A row of the articles list. */
export interface ArticleRow {
  id: string
  article: Article
  title: string
  type: string
  author: string
  state: ArticleState
  time: string
  hot: boolean
  views: number | null
  pending: number
  editable: boolean
}

/** "Scheduled" turns "published" when its time comes, without a change to the article. */
const CLOCK_TICK_MS = 30_000

/**
 * SITE-3 the articles list: every article of the school (staff see all, change their own; admins all), filtered
 * by type, state, author and words, newest first, with "hot" (the first ten pinned public ones), the page views
 * the server counted and the comments waiting for moderation.
 */
export function useArticles() {
  const { t } = useI18n()
  const router = useRouter()
  const auth = useAuthStore()
  const articles = useArticleStore()
  const types = useArticleTypeStore()
  const staff = useStaffStore()
  const { run } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const links = usePublicLinks()
  const views = usePageViews()
  const pending = usePendingComments()
  const now = useServerNow(CLOCK_TICK_MS)
  const filter = reactive<ArticleFilter>({ ...NO_ARTICLE_FILTER })

  const typeNames = computed(() => new Map(types.items.map((type) => [type.id, type.name])))
  const staffNames = computed(() => new Map(staff.items.map((member) => [member.id, member.name])))
  const hot = computed(() => hotArticleIds(articles.items, now.value))

  const rows = computed<ArticleRow[]>(() => {
    const user = auth.user
    if (!user) return []
    return filterArticles(articles.items, filter, now.value).map((article) => ({
      id: article.id,
      article,
      title: article.title,
      type: typeNames.value.get(article.typeId) ?? '?',
      author: staffNames.value.get(article.authorId) ?? '?',
      state: articleState(article, now.value),
      time: dayjs(articleTime(article)).format('YYYY-MM-DD HH:mm'),
      hot: hot.value.has(article.id),
      views: views.counts.value?.get(article.id) ?? (views.counts.value ? 0 : null),
      pending: pending.value.byArticle.get(article.id) ?? 0,
      editable: canEditArticle(user, article),
    }))
  })

  const typeOptions = computed(() => types.items.map((type) => ({ value: type.id, label: type.name })))
  const authorOptions = computed(() => {
    const authors = new Set(articles.items.map((article) => article.authorId))
    return [...authors].map((id) => ({ value: id, label: staffNames.value.get(id) ?? '?' }))
  })

  const columns = computed<TableColumn[]>(() => [
    { key: 'title', title: t('site.articles.columns.title'), width: 240, flexGrow: 3 },
    { key: 'type', title: t('site.articles.columns.type'), width: 110, flexGrow: 1 },
    { key: 'author', title: t('site.articles.columns.author'), width: 130, flexGrow: 1 },
    { key: 'state', title: t('site.articles.columns.state'), width: 100 },
    { key: 'time', title: t('site.articles.columns.time'), width: 150 },
    { key: 'views', title: t('site.articles.columns.views'), width: 80, align: 'right' },
    { key: 'comments', title: t('site.articles.columns.comments'), width: 100, align: 'center' },
    { key: 'actions', title: t('common.actions'), width: 340 },
  ])

  const canCreate = computed(() => articles.canCreate && types.items.some((type) => type.enabled))

  function compose(): void {
    void router.push({ name: 'site-article-new' })
  }

  function edit(row: ArticleRow): void {
    void router.push({ name: 'site-article-edit', params: { id: row.id } })
  }

  function comments(row: ArticleRow): void {
    void router.push({ name: 'site', query: { tab: 'comments', article: row.id } })
  }

  async function togglePin(row: ArticleRow): Promise<void> {
    const pinned = !row.article.pinned
    await run(
      () => articles.patch(row.id, { pinned }),
      t(pinned ? 'site.articles.pinnedDone' : 'site.articles.unpinnedDone'),
    )
  }

  async function remove(row: ArticleRow): Promise<void> {
    if (await confirmDelete(t('common.confirmDelete', { name: row.title }))) {
      await run(() => articles.remove(row.id), t('common.deleted'))
    }
  }

  return {
    filter,
    rows,
    columns,
    typeOptions,
    authorOptions,
    canCreate,
    viewsAvailable: computed(() => views.counts.value !== null),
    compose,
    edit,
    comments,
    togglePin,
    remove,
    copyLink: (row: ArticleRow) => links.copy(links.ofArticle(row.id)),
    openLink: (row: ArticleRow) => links.open(links.ofArticle(row.id)),
  }
}
