import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import { newId, type WireDocument } from '../../../domain/documents.ts'
import { isPublicNow, type Article } from '../../../domain/site/article.ts'
import type { ArticleType } from '../../../domain/site/article-type.ts'
import type { Banner } from '../../../domain/site/banner.ts'
import { commentWriteProblems, type Comment } from '../../../domain/site/comment.ts'
import type { SiteSettings } from '../../../domain/site/site-settings.ts'
import type { Staff } from '../../../domain/org/staff.ts'
import type { PushRow } from '../../../domain/sync/sync-wire.ts'
import { validateDocument } from '../../../domain/validation.ts'
import { badRequest, forbidden, notFound } from '../errors.ts'
import type { CommittedChange, School, Store } from '../store/index.ts'
import type { RowRule } from '../sync/push.ts'
import { buildSnapshot, type SiteDocuments, type SiteSnapshot } from './snapshot.ts'
import { ViewCounter } from './views.ts'

export interface SiteServiceOptions {
  store: Store
  /** The server's clock (ms): what is public now, when a comment was posted. */
  clock: () => number
}

/** A rendered public page, kept with the snapshot it was made from. */
export interface RenderedPage {
  body: string
  etag: string
}

/** A snapshot and the pages rendered from it (dropped with it). */
export interface SiteView {
  snapshot: SiteSnapshot
  pages: Map<string, RenderedPage>
}

// How often an unknown school code may make the school list be read again.
const SCHOOL_LIST_MIN_AGE_MS = 5_000

/** The kinds whose commits change what the public pages show. */
const SITE_KINDS = new Set(['article', 'banner', 'comment', 'article_type', 'site_settings', 'staff'])

/**
 * The public micro-site's data (DESIGN §7.2): each school's documents read once and kept in memory until a
 * commit changes them, the snapshot of what is public now (rebuilt when a scheduled article's time comes), page
 * views, comments from the public form, and the push rule of comment moderation.
 */
export class SiteService {
  readonly #options: SiteServiceOptions
  readonly views: ViewCounter
  #schools = new Map<string, School>()
  #schoolsReadAt = -Infinity
  readonly #documents = new Map<string, Promise<SiteDocuments>>()
  readonly #generation = new Map<string, number>()
  readonly #views = new Map<string, SiteView>()

  constructor(options: SiteServiceOptions) {
    this.#options = options
    this.views = new ViewCounter((schoolId, counts) => options.store.addSiteViews(schoolId, counts))
  }

  get now(): number {
    return this.#options.clock()
  }

  /** The school whose site is at `/site/<code>/`, or null. */
  async school(code: string): Promise<School | null> {
    const known = this.#schools.get(code)
    if (known || this.now - this.#schoolsReadAt < SCHOOL_LIST_MIN_AGE_MS) return known ?? null
    this.#schoolsReadAt = this.now
    const schools = await this.#options.store.listSchools()
    this.#schools = new Map(schools.map((school) => [school.code, school]))
    return this.#schools.get(code) ?? null
  }

  /** What `school`'s public pages show now, with the pages already rendered from it. */
  async view(school: School): Promise<SiteView> {
    const now = this.now
    const cached = this.#views.get(school.id)
    if (cached && cached.snapshot.school === school && now < cached.snapshot.validUntil) return cached
    const generation = this.#generation.get(school.id) ?? 0
    const view = {
      snapshot: buildSnapshot(school, await this.#documentsOf(school.id), now),
      pages: new Map(),
    }
    if ((this.#generation.get(school.id) ?? 0) === generation) this.#views.set(school.id, view)
    return view
  }

  /**
   * Drops what is kept of a school whose documents a commit (of any instance: the change bus) changed; records
   * first publications (every instance records them; the first time written stays).
   */
  onCommit(change: CommittedChange): void {
    const docs = change.documents.map((stored) => stored.data)
    if (!docs.some((doc) => SITE_KINDS.has(doc.kind))) return
    this.forget(change.schoolId)
    const published = docs
      .filter((doc): doc is WireDocument<Article> => doc.kind === 'article')
      .filter((article) => article.publishAt === undefined && isPublicNow(article, this.now))
      .map((article) => article.id)
    if (published.length > 0)
      void this.#options.store.recordSitePublished(change.schoolId, published, this.now).catch(() => {
        // The next read of the school's documents records them (a little later).
      })
  }

  /** Drops what is kept of `schoolId` (of every school: `undefined`), whose commits may not have been heard. */
  forget(schoolId: string | undefined): void {
    const schoolIds =
      schoolId === undefined
        ? new Set([...this.#generation.keys(), ...this.#documents.keys(), ...this.#views.keys()])
        : [schoolId]
    for (const id of schoolIds) {
      this.#generation.set(id, (this.#generation.get(id) ?? 0) + 1)
      this.#documents.delete(id)
      this.#views.delete(id)
    }
  }

  /** Page views per article of `schoolId`, what is still being counted included. */
  async viewCounts(schoolId: string): Promise<Record<string, number>> {
    const views: Record<string, number> = {}
    for (const stats of await this.#options.store.siteArticleStats(schoolId))
      if (stats.views > 0) views[stats.articleId] = stats.views
    for (const [articleId, n] of this.views.pending(schoolId)) views[articleId] = (views[articleId] ?? 0) + n
    return views
  }

  /**
   * Writes a reader's comment on article `articleId` as a pending `comment` document (it replicates to the
   * desktops for moderation). 404 when the article is not public, 403 when it does not allow comments, 400 for
   * a name or text the comment schema refuses.
   */
  async postComment(
    school: School,
    articleId: string,
    input: { name: string; body: string },
  ): Promise<Comment> {
    const now = this.now
    const comment: WireDocument<Comment> = {
      id: newId(),
      kind: 'comment',
      schoolId: school.id,
      updatedAt: now,
      articleId,
      name: input.name.trim(),
      body: input.body.replaceAll('\r\n', '\n').trim(),
      status: 'pending',
      createdAt: now,
      _deleted: false,
    }
    const valid = validateDocument('site', comment)
    if (!valid.ok) throw badRequest(valid.errors.join('; '))
    return this.#options.store.writeDocuments(
      school.id,
      'site',
      [comment.id],
      (_stored, related) => {
        const article = related.find((doc) => doc.id === articleId) as WireDocument<Article> | undefined
        if (!article || !isPublicNow(article, now)) throw notFound(`Unknown article ${articleId}`)
        if (!article.allowComments) throw forbidden('This article does not take comments')
        return { writes: [comment], result: comment }
      },
      [{ collection: 'site', kind: 'article', where: { field: 'id', in: [articleId] } }],
    )
  }

  /**
   * The rule of a push of `site` documents that needs other documents: a comment's status is changed by admins
   * or the author of its article (read here, before the write: an article's author never changes).
   */
  async pushRule(
    user: SessionUser,
    collection: CollectionName,
    rows: readonly PushRow[],
  ): Promise<RowRule | undefined> {
    if (collection !== 'site') return undefined
    const articleIds = rows
      .map((row) => row.newDocumentState)
      .filter((doc): doc is WireDocument<Comment> => doc.kind === 'comment')
      .map((comment) => comment.articleId)
    if (articleIds.length === 0) return undefined
    const articles = await this.#options.store.findDocuments(user.schoolId, [
      { collection: 'site', kind: 'article', where: { field: 'id', in: [...new Set(articleIds)] } },
    ])
    const byId = new Map(articles.map((article) => [article.id, article as WireDocument<Article>]))
    return (next, stored) => {
      if (next.kind !== 'comment') return { forbidden: [], invalid: [] }
      const comment = next as WireDocument<Comment>
      const problems = commentWriteProblems(
        user,
        comment,
        stored as WireDocument<Comment> | null,
        byId.get(comment.articleId) ?? null,
      )
      return { forbidden: problems.map((problem) => `comment ${next.id}: ${problem}`), invalid: [] }
    }
  }

  #documentsOf(schoolId: string): Promise<SiteDocuments> {
    const known = this.#documents.get(schoolId)
    if (known) return known
    const loading = this.#read(schoolId)
    this.#documents.set(schoolId, loading)
    loading.catch(() => this.#documents.delete(schoolId))
    return loading
  }

  async #read(schoolId: string): Promise<SiteDocuments> {
    const { store } = this.#options
    const [docs, stats] = await Promise.all([
      store.findDocuments(schoolId, [
        { collection: 'site', kind: 'article' },
        { collection: 'site', kind: 'banner' },
        { collection: 'site', kind: 'site_settings' },
        { collection: 'site', kind: 'comment', where: { field: 'status', in: ['approved'] } },
        { collection: 'catalog', kind: 'article_type' },
      ]),
      store.siteArticleStats(schoolId),
    ])
    const articles = docs.filter((doc): doc is WireDocument<Article> => doc.kind === 'article')
    const authorIds = [...new Set(articles.map((article) => article.authorId))]
    const staff =
      authorIds.length === 0
        ? []
        : await store.findDocuments(schoolId, [
            { collection: 'org', kind: 'staff', where: { field: 'id', in: authorIds } },
          ])
    const publishedAt = new Map<string, number>()
    for (const row of stats) if (row.publishedAt !== null) publishedAt.set(row.articleId, row.publishedAt)
    const now = this.now
    const unrecorded = articles
      .filter((article) => article.publishAt === undefined && isPublicNow(article, now))
      .map((article) => article.id)
      .filter((id) => !publishedAt.has(id))
    if (unrecorded.length > 0) {
      await store.recordSitePublished(schoolId, unrecorded, now)
      for (const id of unrecorded) publishedAt.set(id, now)
    }
    return {
      articles,
      banners: docs.filter((doc): doc is WireDocument<Banner> => doc.kind === 'banner'),
      types: docs.filter((doc): doc is WireDocument<ArticleType> => doc.kind === 'article_type'),
      comments: docs.filter((doc): doc is WireDocument<Comment> => doc.kind === 'comment'),
      settings: docs.find((doc): doc is WireDocument<SiteSettings> => doc.kind === 'site_settings') ?? null,
      staffNames: new Map((staff as WireDocument<Staff>[]).map((doc) => [doc.id, doc.name])),
      publishedAt,
    }
  }
}
