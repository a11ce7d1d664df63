import type { WireDocument } from '../../../domain/documents.ts'
import {
  articleBlobHashes,
  HOT_ARTICLE_COUNT,
  isPublicNow,
  isScheduled,
  type Article,
} from '../../../domain/site/article.ts'
import type { ArticleType } from '../../../domain/site/article-type.ts'
import type { Banner } from '../../../domain/site/banner.ts'
import type { BlobRef } from '../../../domain/blobs/blob-ref.ts'
import type { Comment } from '../../../domain/site/comment.ts'
import type { SiteSettings } from '../../../domain/site/site-settings.ts'
import type { School } from '../store/index.ts'

/** The documents a school's public site is made of, as read from the store (live ones only). */
export interface SiteDocuments {
  articles: WireDocument<Article>[]
  banners: WireDocument<Banner>[]
  types: WireDocument<ArticleType>[]
  comments: WireDocument<Comment>[]
  /** Null while the school has not set any. */
  settings: WireDocument<SiteSettings> | null
  /** Staff id → name, for the authors of articles that are not anonymous. */
  staffNames: ReadonlyMap<string, string>
  /** Article id → when the server first saw it published (its clock). */
  publishedAt: ReadonlyMap<string, number>
}

/** A public article with what its pages show besides the document. */
export interface PublicArticle {
  article: Article
  /** When it went public: its `publishAt`, else when the server first saw it published. */
  publishedAt: number
  /** Null when anonymous or unknown. */
  authorName: string | null
  typeName: string | null
}

/**
 * What the public pages of one school show at one moment (the server's clock `builtAt`): valid until
 * `validUntil`, when the next scheduled article goes public, or until a commit changes the school's documents.
 */
export interface SiteSnapshot {
  school: School
  builtAt: number
  validUntil: number
  /** Enabled types by `order`. */
  types: ArticleType[]
  typeById: ReadonlyMap<string, ArticleType>
  /** The school's logo, shown beside its name in every page's header; null: the name alone. */
  logo: BlobRef | null
  /** Listed banners by `order`. */
  banners: Banner[]
  /** Public articles, newest first. */
  articles: PublicArticle[]
  articleById: ReadonlyMap<string, PublicArticle>
  /** The first pinned public articles, newest first. */
  hot: PublicArticle[]
  /** Approved comments of public articles, oldest first. */
  comments: ReadonlyMap<string, Comment[]>
  /** Every blob the logo, a public article or a listed banner shows: the only ones the media route serves. */
  mediaHashes: ReadonlySet<string>
}

const byOrder = <T extends { order: number; name: string; id: string }>(a: T, b: T) =>
  a.order - b.order || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

const newestFirst = (a: PublicArticle, b: PublicArticle) =>
  b.publishedAt - a.publishedAt || a.article.id.localeCompare(b.article.id)

/**
 * The public site of `school` at `now` from its documents. Articles published without a `publishAt` whose
 * first publication the server has not recorded yet count as published at `now`.
 */
export function buildSnapshot(school: School, docs: SiteDocuments, now: number): SiteSnapshot {
  const typeById = new Map(docs.types.map((type) => [type.id, type]))
  const articles = docs.articles
    .filter((article) => isPublicNow(article, now))
    .map((article): PublicArticle => ({
      article,
      publishedAt: article.publishAt ?? docs.publishedAt.get(article.id) ?? now,
      authorName: article.anonymous ? null : (docs.staffNames.get(article.authorId) ?? null),
      typeName: typeById.get(article.typeId)?.name ?? null,
    }))
    .sort(newestFirst)
  const articleById = new Map(articles.map((entry) => [entry.article.id, entry]))
  const banners = docs.banners.filter((banner) => banner.listed).sort(byOrder)
  const logo = docs.settings?.logo ?? null
  const comments = new Map<string, Comment[]>()
  for (const comment of docs.comments) {
    if (comment.status !== 'approved' || !articleById.has(comment.articleId)) continue
    comments.set(comment.articleId, [...(comments.get(comment.articleId) ?? []), comment])
  }
  for (const list of comments.values())
    list.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  const nextPublications = docs.articles
    .filter((article) => isScheduled(article, now))
    .map((article) => article.publishAt ?? Infinity)
  return {
    school,
    builtAt: now,
    validUntil: Math.min(Infinity, ...nextPublications),
    types: docs.types.filter((type) => type.enabled).sort(byOrder),
    typeById,
    logo,
    banners,
    articles,
    articleById,
    hot: articles.filter((entry) => entry.article.pinned).slice(0, HOT_ARTICLE_COUNT),
    comments,
    mediaHashes: new Set([
      ...(logo ? [logo.sha256] : []),
      ...banners.map((banner) => banner.image.sha256),
      ...articles.flatMap((entry) => articleBlobHashes(entry.article)),
    ]),
  }
}

/** The public articles of one type, newest first. */
export function articlesOfType(snapshot: SiteSnapshot, typeId: string): PublicArticle[] {
  return snapshot.articles.filter((entry) => entry.article.typeId === typeId)
}
