import { isAdmin, isStaff, type SessionUser } from '../auth/roles.ts'
import { deepEqual, type BaseDocument } from '../documents.ts'
import { allowed, denied, isDeletion, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'
import { canEditArticle, type Article } from './article.ts'

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected'] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

export const COMMENT_NAME_MAX = 40
export const COMMENT_BODY_MAX = 1000

/**
 * A reader's comment on an article, created only by the server from the public form (DESIGN §7.2); admins and
 * the article's author moderate it by changing `status`, nothing else.
 */
export interface Comment extends BaseDocument {
  kind: 'comment'
  articleId: string
  name: string
  /** Plain text, never HTML. */
  body: string
  status: CommentStatus
  /** The server's clock when the comment was posted (ms). */
  createdAt: number
}

export const commentSchema = kindSchema(
  'comment',
  {
    articleId: { type: 'string', minLength: 1, maxLength: 64 },
    name: nonBlankString(COMMENT_NAME_MAX),
    body: nonBlankString(COMMENT_BODY_MAX),
    status: { enum: [...COMMENT_STATUSES] },
    createdAt: { type: 'number', minimum: 0 },
  },
  ['articleId', 'name', 'body', 'status', 'createdAt'],
)

/** May `user` approve or reject the comments of `article`? Admins, and the article's author. */
export function canModerateComments(user: SessionUser, article: Pick<Article, 'authorId'>): boolean {
  return canEditArticle(user, article)
}

/**
 * The fields of a comment write that the kind can judge alone: the server creates comments, nobody deletes
 * them, and only `status` changes. Whether the writer moderates the comment's article is `commentWriteProblems`.
 */
function commentFieldsProblem(next: Comment, stored: Comment | null): string | null {
  if (!stored) return 'comments are created by the server only'
  if (isDeletion(next)) return 'comments cannot be deleted: reject them instead'
  const { status: _next, updatedAt: _nextAt, ...nextRest } = next
  const { status: _stored, updatedAt: _storedAt, ...storedRest } = stored
  return deepEqual({ ...nextRest, _deleted: undefined }, { ...storedRest, _deleted: undefined })
    ? null
    : 'only the status of a comment can change'
}

/**
 * What forbids `user` writing `next` over `stored` when the comment's article is `article` (null when it is
 * missing or deleted): the server runs it on every pushed comment (403), the desktop before offering a change.
 */
export function commentWriteProblems(
  user: SessionUser,
  next: Comment,
  stored: Comment | null,
  article: Pick<Article, 'authorId'> | null,
): string[] {
  const fields = commentFieldsProblem(next, stored)
  if (fields) return [fields]
  if (isAdmin(user)) return []
  if (!article) return [`article ${next.articleId} of the comment is missing`]
  return canModerateComments(user, article)
    ? []
    : ['only admins and the article’s author may moderate its comments']
}

export const commentKind: KindDefinition<Comment> = {
  kind: 'comment',
  collection: 'site',
  schema: commentSchema,
  // The article's author (a teacher) moderates too: that needs the article, checked by `commentWriteProblems`.
  canWrite: (user, next, stored) => {
    if (!isStaff(user)) return denied('only staff may moderate comments')
    const problem = commentFieldsProblem(next, stored)
    return problem ? denied(problem) : allowed
  },
  canRead: (user) => isStaff(user),
}
