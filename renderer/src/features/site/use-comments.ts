import dayjs from 'dayjs'
import { computed, reactive, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { commentWriteProblems, type Comment, type CommentStatus } from '../../../../domain/site/comment.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useAuthStore } from '../auth/store.ts'
import { moderationQueue, type CommentFilter } from './comment-queue.ts'
import { useArticleStore, useCommentStore } from './store.ts'

export interface CommentRow {
  id: string
  comment: Comment
  article: string
  name: string
  body: string
  time: string
  status: CommentStatus
  moderatable: boolean
}

/**
 * SITE-5 the comment moderation queue: the whole site's or one article's (`?article=` in the address), pending
 * first. Approving or rejecting writes the comment's new status to the replica (offline too); the server shows
 * approved comments on the article's public page.
 */
export function useComments() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const auth = useAuthStore()
  const comments = useCommentStore()
  const articles = useArticleStore()
  const { run } = useWriteFeedback()
  const filter = reactive<CommentFilter>({ articleId: null, status: null })

  watch(
    () => route.query.article,
    (article) => (filter.articleId = typeof article === 'string' && article ? article : null),
    { immediate: true },
  )
  watch(
    () => filter.articleId,
    (articleId) => {
      const current = typeof route.query.article === 'string' ? route.query.article : null
      if (articleId === current) return
      const { article: _article, ...query } = route.query
      void router.replace({ query: articleId ? { ...query, article: articleId } : query })
    },
  )

  const articleById = computed(() => new Map(articles.items.map((article) => [article.id, article])))

  function mayModerate(comment: Comment, status: CommentStatus): boolean {
    const user = auth.user
    if (!user) return false
    const next = { ...comment, status }
    return (
      commentWriteProblems(user, next, comment, articleById.value.get(comment.articleId) ?? null).length === 0
    )
  }

  const rows = computed<CommentRow[]>(() =>
    moderationQueue(comments.items, filter).map((comment) => ({
      id: comment.id,
      comment,
      article: articleById.value.get(comment.articleId)?.title ?? '?',
      name: comment.name,
      body: comment.body,
      time: dayjs(comment.createdAt).format('YYYY-MM-DD HH:mm'),
      status: comment.status,
      moderatable: mayModerate(comment, comment.status === 'approved' ? 'rejected' : 'approved'),
    })),
  )

  const articleOptions = computed(() =>
    [...new Set(comments.items.map((comment) => comment.articleId))].map((id) => ({
      value: id,
      label: articleById.value.get(id)?.title ?? '?',
    })),
  )

  const columns = computed<TableColumn[]>(() => [
    { key: 'status', title: t('site.comments.columns.status'), width: 100 },
    { key: 'article', title: t('site.comments.columns.article'), width: 180, flexGrow: 1 },
    { key: 'name', title: t('site.comments.columns.name'), width: 110 },
    { key: 'body', title: t('site.comments.columns.body'), width: 260, flexGrow: 3 },
    { key: 'time', title: t('site.comments.columns.time'), width: 150 },
    { key: 'actions', title: t('common.actions'), width: 150 },
  ])

  async function moderate(row: CommentRow, status: CommentStatus): Promise<void> {
    await run(() => comments.patch(row.id, { status }), t(`site.comments.${status}Done`))
  }

  return {
    filter,
    rows,
    columns,
    articleOptions,
    approve: (row: CommentRow) => moderate(row, 'approved'),
    reject: (row: CommentRow) => moderate(row, 'rejected'),
  }
}
