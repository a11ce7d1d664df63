import { isAdmin, isStaff, type SessionUser } from '../auth/roles.ts'
import { blobRefListSchema, blobRefSchema, type BlobRef } from '../blobs/blob-ref.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export const ARTICLE_STATUSES = ['draft', 'published'] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

/** How many pinned articles the public home shows as "hot" (热门). */
export const HOT_ARTICLE_COUNT = 10

/** SITE-3: an article of the school's micro-site (DESIGN §7.2). */
export interface Article extends BaseDocument {
  kind: 'article'
  authorId: string
  typeId: string
  title: string
  summary?: string
  cover?: BlobRef
  /** HTML, shown sanitised; images as `<img data-blob="sha256">`. */
  body: string
  /** The images of the body. */
  images: BlobRef[]
  /** The public pages do not name the author. */
  anonymous: boolean
  allowComments: boolean
  status: ArticleStatus
  /** A published article is public from this time on (the server's clock, ms); absent: at once. */
  publishAt?: number
  pinned: boolean
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const

export const articleSchema = kindSchema(
  'article',
  {
    authorId: ref,
    typeId: ref,
    title: nonBlankString(120),
    summary: { type: 'string', maxLength: 500 },
    cover: blobRefSchema,
    body: { type: 'string', maxLength: 500_000 },
    images: blobRefListSchema,
    anonymous: { type: 'boolean' },
    allowComments: { type: 'boolean' },
    status: { enum: [...ARTICLE_STATUSES] },
    publishAt: { type: 'number', minimum: 0 },
    pinned: { type: 'boolean' },
  },
  ['authorId', 'typeId', 'title', 'body', 'images', 'anonymous', 'allowComments', 'status', 'pinned'],
)

/** Rules across the fields of one article that the schema cannot express. */
export function articleProblems(article: Article): string[] {
  const notImages = [...(article.cover ? [article.cover] : []), ...article.images].filter(
    (blob) => !blob.mime.startsWith('image/'),
  )
  return notImages.map((blob) => `${blob.name} is not an image`)
}

/**
 * Is `article` on the public site at `now` (the server's clock, ms)? Published, not deleted, and its
 * `publishAt` (if any) reached. A PC's clock never decides this.
 */
export function isPublicNow(article: Article & { _deleted?: boolean }, now: number): boolean {
  return (
    article._deleted !== true &&
    article.status === 'published' &&
    (article.publishAt === undefined || article.publishAt <= now)
  )
}

/** Published but waiting for its `publishAt` at `now`. */
export function isScheduled(article: Article & { _deleted?: boolean }, now: number): boolean {
  return (
    article._deleted !== true &&
    article.status === 'published' &&
    article.publishAt !== undefined &&
    article.publishAt > now
  )
}

/** The SHA-256 of every image `<img data-blob>` of an article body names, in order, each once. */
export function bodyBlobHashes(body: string): string[] {
  return [...new Set([...body.matchAll(/data-blob="([0-9a-f]{64})"/g)].map((match) => match[1] ?? ''))]
}

/** Every blob an article shows: its cover, its images and the images its body names. */
export function articleBlobHashes(article: Article): string[] {
  return [
    ...new Set([
      ...(article.cover ? [article.cover.sha256] : []),
      ...article.images.map((image) => image.sha256),
      ...bodyBlobHashes(article.body),
    ]),
  ]
}

/** May `user` change (or delete) `article`? Staff their own, admins every one. */
export function canEditArticle(user: SessionUser, article: Pick<Article, 'authorId'>): boolean {
  return isAdmin(user) || (isStaff(user) && article.authorId === user.id)
}

export const articleKind: KindDefinition<Article> = {
  kind: 'article',
  collection: 'site',
  schema: articleSchema,
  check: articleProblems,
  canWrite: (user, next, stored) => {
    if (!isStaff(user)) return denied('only staff may write articles')
    if (stored && next.authorId !== stored.authorId) return denied('the author of an article cannot change')
    if (isAdmin(user)) return allowed
    if (!stored && next.authorId !== user.id) return denied('a new article must have its pusher as author')
    if (stored && stored.authorId !== user.id) return denied('staff may change only their own articles')
    return allowed
  },
  canRead: (user) => isStaff(user),
}
