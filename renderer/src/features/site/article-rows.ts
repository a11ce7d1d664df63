import { HOT_ARTICLE_COUNT, isPublicNow, isScheduled, type Article } from '../../../../domain/site/article.ts'

export const ARTICLE_STATES = ['draft', 'scheduled', 'published'] as const
/** What the list shows: a draft, published but waiting for its time, or public. */
export type ArticleState = (typeof ARTICLE_STATES)[number]

/** The state of `article` at `now` (the server's clock as this PC knows it). */
export function articleState(article: Article, now: number): ArticleState {
  if (isScheduled(article, now)) return 'scheduled'
  return isPublicNow(article, now) ? 'published' : 'draft'
}

/** The time the list sorts and shows an article by: when it is (or will be) public, else its last change. */
export function articleTime(article: Article): number {
  return article.publishAt ?? article.updatedAt
}

/** Newest first; ties by id so the order is stable. */
export function newestFirst(a: Article, b: Article): number {
  return articleTime(b) - articleTime(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The ids of the "hot" articles (热门) at `now`: the first ten pinned public ones, newest first. */
export function hotArticleIds(articles: readonly Article[], now: number): Set<string> {
  const pinned = articles.filter((article) => article.pinned && isPublicNow(article, now)).sort(newestFirst)
  return new Set(pinned.slice(0, HOT_ARTICLE_COUNT).map((article) => article.id))
}

export interface ArticleFilter {
  typeId: string | null
  state: ArticleState | null
  authorId: string | null
  /** Words looked for in the title and the summary. */
  search: string
}

export const NO_ARTICLE_FILTER: ArticleFilter = { typeId: null, state: null, authorId: null, search: '' }

/** The articles the filter lets through at `now`, newest first. */
export function filterArticles(articles: readonly Article[], filter: ArticleFilter, now: number): Article[] {
  const query = filter.search.trim().toLocaleLowerCase()
  return articles
    .filter(
      (article) =>
        (filter.typeId === null || article.typeId === filter.typeId) &&
        (filter.authorId === null || article.authorId === filter.authorId) &&
        (filter.state === null || articleState(article, now) === filter.state) &&
        (!query ||
          article.title.toLocaleLowerCase().includes(query) ||
          (article.summary ?? '').toLocaleLowerCase().includes(query)),
    )
    .sort(newestFirst)
}
