import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { bodyBlobHashes, type Article, type ArticleStatus } from '../../../../domain/site/article.ts'

/** Everything the article editor edits; kept whole so that a refused save loses nothing. */
export interface ArticleDraft {
  typeId: string | null
  title: string
  summary: string
  cover: BlobRef | undefined
  body: string
  /** Every image put into the body while editing (and the stored ones); saving keeps those the body still shows. */
  images: BlobRef[]
  anonymous: boolean
  allowComments: boolean
  pinned: boolean
  publishLater: boolean
  /** When a "publish later" article goes public (ms, the server's clock decides). */
  publishAt: number | null
}

export function emptyDraft(typeId: string | null): ArticleDraft {
  return {
    typeId,
    title: '',
    summary: '',
    cover: undefined,
    body: '',
    images: [],
    anonymous: false,
    allowComments: true,
    pinned: false,
    publishLater: false,
    publishAt: null,
  }
}

export function draftOf(article: Article): ArticleDraft {
  return {
    typeId: article.typeId,
    title: article.title,
    summary: article.summary ?? '',
    cover: article.cover,
    body: article.body,
    images: [...article.images],
    anonymous: article.anonymous,
    allowComments: article.allowComments,
    pinned: article.pinned,
    publishLater: article.publishAt !== undefined,
    publishAt: article.publishAt ?? null,
  }
}

export type DraftProblem =
  'title' | 'titleTooLong' | 'type' | 'publishAt' | 'publishAtPast' | 'summaryTooLong'

/**
 * What stops saving (`publishing` false) or publishing. A draft needs a title and a type (the schema's minimum);
 * publishing later needs a time, and one still to come by `now` (this PC's idea of the server's clock).
 */
export function draftProblems(draft: ArticleDraft, publishing: boolean, now: number): DraftProblem[] {
  const problems: DraftProblem[] = []
  const title = draft.title.trim()
  if (!title) problems.push('title')
  if (title.length > 120) problems.push('titleTooLong')
  if (draft.summary.trim().length > 500) problems.push('summaryTooLong')
  if (!draft.typeId) problems.push('type')
  if (publishing && draft.publishLater) {
    if (draft.publishAt === null) problems.push('publishAt')
    else if (draft.publishAt <= now) problems.push('publishAtPast')
  }
  return problems
}

/** The stored fields of the article `draft` describes, with `status`; optional fields absent when empty. */
export function articleFields(
  draft: ArticleDraft,
  status: ArticleStatus,
): Omit<Article, 'id' | 'kind' | 'schoolId' | 'updatedAt' | 'authorId'> {
  const shown = new Set(bodyBlobHashes(draft.body))
  const images = [...new Map(draft.images.map((image) => [image.sha256, image])).values()].filter((image) =>
    shown.has(image.sha256),
  )
  const summary = draft.summary.trim()
  const publishAt = status === 'published' && draft.publishLater ? draft.publishAt : null
  return {
    typeId: draft.typeId ?? '',
    title: draft.title.trim(),
    ...(summary ? { summary } : {}),
    ...(draft.cover ? { cover: draft.cover } : {}),
    body: draft.body,
    images,
    anonymous: draft.anonymous,
    allowComments: draft.allowComments,
    status,
    ...(publishAt !== null ? { publishAt } : {}),
    pinned: draft.pinned,
  }
}
