import type { Comment, CommentStatus } from '../../../../domain/site/comment.ts'

export interface CommentFilter {
  /** One article's comments, or the whole site's (null). */
  articleId: string | null
  status: CommentStatus | null
}

const STATUS_RANK: Record<CommentStatus, number> = { pending: 0, approved: 1, rejected: 2 }

/** The moderation queue: pending comments first (oldest first, the order they came in), then the rest, newest first. */
export function moderationQueue(comments: readonly Comment[], filter: CommentFilter): Comment[] {
  return comments
    .filter(
      (comment) =>
        (filter.articleId === null || comment.articleId === filter.articleId) &&
        (filter.status === null || comment.status === filter.status),
    )
    .sort((a, b) => {
      const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status]
      if (rank !== 0) return rank
      return a.status === 'pending' ? a.createdAt - b.createdAt : b.createdAt - a.createdAt
    })
}

/** How many comments wait for someone who may moderate them (`mayModerate`), in all and per article. */
export function pendingCounts(
  comments: readonly Comment[],
  mayModerate: (comment: Comment) => boolean,
): { total: number; byArticle: Map<string, number> } {
  const byArticle = new Map<string, number>()
  let total = 0
  for (const comment of comments) {
    if (comment.status !== 'pending' || !mayModerate(comment)) continue
    total += 1
    byArticle.set(comment.articleId, (byArticle.get(comment.articleId) ?? 0) + 1)
  }
  return { total, byArticle }
}
