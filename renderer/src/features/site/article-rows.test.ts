import { describe, expect, it } from 'vitest'
import { article } from '../../../../domain/site/testing.ts'
import {
  articleState,
  filterArticles,
  hotArticleIds,
  NO_ARTICLE_FILTER,
  type ArticleFilter,
} from './article-rows.ts'

const NOW = 1_000_000

describe('articleState', () => {
  it('tells drafts, scheduled and public articles apart by the given clock', () => {
    expect(articleState(article({ status: 'draft' }), NOW)).toBe('draft')
    expect(articleState(article({ publishAt: NOW + 1 }), NOW)).toBe('scheduled')
    expect(articleState(article({ publishAt: NOW }), NOW)).toBe('published')
    expect(articleState(article(), NOW)).toBe('published')
  })
})

describe('hotArticleIds', () => {
  it('takes the ten newest pinned public articles', () => {
    const pinned = Array.from({ length: 12 }, (_, i) =>
      article({ id: `p${i}`, pinned: true, publishAt: NOW - 1000 + i }),
    )
    const others = [
      article({ id: 'draft', pinned: true, status: 'draft', updatedAt: NOW }),
      article({ id: 'later', pinned: true, publishAt: NOW + 5 }),
      article({ id: 'plain', pinned: false, publishAt: NOW - 1 }),
    ]
    const hot = hotArticleIds([...others, ...pinned], NOW)
    expect([...hot].sort()).toEqual(['p10', 'p11', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'])
  })
})

describe('filterArticles', () => {
  const summary = '一篇文章'
  const articles = [
    article({ id: 'a', typeId: 'news', authorId: 't1', title: '运动会', summary, publishAt: 10 }),
    article({
      id: 'b',
      typeId: 'notes',
      authorId: 't2',
      title: 'Open day',
      summary: 'Sports too',
      publishAt: 30,
    }),
    article({
      id: 'c',
      typeId: 'news',
      authorId: 't2',
      title: '草稿',
      summary,
      status: 'draft',
      updatedAt: 20,
    }),
    article({ id: 'd', typeId: 'news', authorId: 't1', title: '下周', summary, publishAt: NOW + 60_000 }),
  ]
  const ids = (filter: Partial<ArticleFilter>) =>
    filterArticles(articles, { ...NO_ARTICLE_FILTER, ...filter }, NOW).map((found) => found.id)

  it('lists every article newest first without a filter', () => {
    expect(ids({})).toEqual(['d', 'b', 'c', 'a'])
  })

  it('filters by type, author and state', () => {
    expect(ids({ typeId: 'news' })).toEqual(['d', 'c', 'a'])
    expect(ids({ authorId: 't2' })).toEqual(['b', 'c'])
    expect(ids({ state: 'draft' })).toEqual(['c'])
    expect(ids({ state: 'scheduled' })).toEqual(['d'])
    expect(ids({ state: 'published', typeId: 'news' })).toEqual(['a'])
  })

  it('searches the title and the summary, ignoring case', () => {
    expect(ids({ search: ' sports ' })).toEqual(['b'])
    expect(ids({ search: '运动' })).toEqual(['a'])
    expect(ids({ search: 'nothing like it' })).toEqual([])
  })
})
