import { rmSync } from 'node:fs'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Comment } from '../../../domain/site/comment.ts'
import { buildApp } from '../app.ts'
import { TEST_SECRET } from '../test-support/app.ts'
import { describeEachStore, tempDir, type TestStore } from '../test-support/stores.ts'
import { seedDemo } from './demo.ts'

describeEachStore('the demo micro-site ($name)', (factory) => {
  let testStore: TestStore
  let blobDir: string
  const now = Date.UTC(2026, 8, 10, 1)

  beforeEach(async () => {
    testStore = await factory.create()
    blobDir = tempDir('campus-desk-demo-site-')
  })
  afterEach(async () => {
    await testStore.dispose()
    rmSync(blobDir, { recursive: true, force: true })
  })

  it('seeds types, banners, articles with images and comments that the public pages show', async () => {
    const { store } = testStore
    await seedDemo(store, now, { blobDir, site: true })
    const app = await buildApp({ store, authSecret: TEST_SECRET, blobDir, clock: () => now })
    try {
      const home = await app.inject({ method: 'GET', url: '/site/demo/?lang=zh-CN' })
      expect(home.statusCode).toBe(200)
      for (const shown of [
        '2026 秋季开学典礼',
        '第十届校园运动会圆满落幕',
        '学校新闻',
        '通知公告',
        '校园活动',
      ])
        expect(home.body).toContain(shown)
      for (const hidden of ['科技节作品展示（预告）', '图书馆改造', '往届专栏'])
        expect(home.body).not.toContain(hidden)
      const images = [...home.body.matchAll(/src="(\/site\/demo\/media\/[0-9a-f]{64})"/g)].map(
        (m) => m[1] ?? '',
      )
      expect(images.length).toBeGreaterThan(3)
      for (const url of new Set(images)) {
        const image = await app.inject({ method: 'GET', url })
        expect(image.statusCode, url).toBe(200)
        expect(image.headers['content-type']).toBe('image/png')
      }
      const article = await app.inject({ method: 'GET', url: '/site/demo/articles/demo-article-opening' })
      expect(article.body).toContain('孩子回家说特别开心')
      expect(
        (await app.inject({ method: 'GET', url: '/site/demo/articles/demo-article-science' })).statusCode,
      ).toBe(404)
      const site = await store.findDocuments('demo', [{ collection: 'site', kind: 'comment' }])
      expect((site as WireDocument<Comment>[]).filter((c) => c.status === 'pending')).toHaveLength(2)
    } finally {
      await app.close()
    }
  })

  it('seeds no micro-site without a blob folder', async () => {
    await seedDemo(testStore.store, now)
    expect(await testStore.store.findDocuments('demo', [{ collection: 'site', kind: 'article' }])).toEqual([])
  })
})
