import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachStore, type TestStore } from '../test-support/stores.ts'

describeEachStore('micro-site article stats ($name)', (factory) => {
  let testStore: TestStore
  beforeEach(async () => {
    testStore = await factory.create()
  })
  afterEach(() => testStore.dispose())

  it('adds page views and keeps the first publication time of each article, per school', async () => {
    const { store } = testStore
    await store.addSiteViews('demo', new Map([['a1', 2]]))
    await store.addSiteViews(
      'demo',
      new Map([
        ['a1', 3],
        ['a2', 1],
      ]),
    )
    await store.addSiteViews('demo2', new Map([['a1', 7]]))
    await store.recordSitePublished('demo', ['a1', 'a3'], 1000)
    await store.recordSitePublished('demo', ['a1', 'a2'], 2000)
    const stats = (await store.siteArticleStats('demo')).sort((a, b) =>
      a.articleId.localeCompare(b.articleId),
    )
    expect(stats).toEqual([
      { articleId: 'a1', views: 5, publishedAt: 1000 },
      { articleId: 'a2', views: 1, publishedAt: 2000 },
      { articleId: 'a3', views: 0, publishedAt: 1000 },
    ])
    expect(await store.siteArticleStats('demo2')).toEqual([{ articleId: 'a1', views: 7, publishedAt: null }])
    expect(await store.siteArticleStats('nowhere')).toEqual([])
  })
})
