import { computed } from 'vue'
import { canModerateComments } from '../../../../domain/site/comment.ts'
import { useAuthStore } from '../auth/store.ts'
import { pendingCounts } from './comment-queue.ts'
import { useArticleStore, useCommentStore } from './store.ts'

/**
 * The comments waiting for this user's moderation (admins: the whole site's; staff: their own articles'), in
 * all and per article, live from the replica: the side menu's count and the articles list's.
 */
export function usePendingComments() {
  const auth = useAuthStore()
  const articles = useArticleStore()
  const comments = useCommentStore()
  return computed(() => {
    const user = auth.user
    const authors = new Map(articles.items.map((article) => [article.id, article.authorId]))
    return pendingCounts(comments.items, (comment) => {
      const authorId = authors.get(comment.articleId)
      return user !== null && authorId !== undefined && canModerateComments(user, { authorId })
    })
  })
}
