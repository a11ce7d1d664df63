import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import type { WireDocument } from '../../../../domain/documents.ts'
import type { Article } from '../../../../domain/site/article.ts'
import type { ArticleType } from '../../../../domain/site/article-type.ts'
import type { Banner } from '../../../../domain/site/banner.ts'
import type { Comment } from '../../../../domain/site/comment.ts'
import type { SiteSettings } from '../../../../domain/site/site-settings.ts'
import { article, articleType, banner, siteSettings } from '../../../../domain/site/testing.ts'
import { gradientPng } from '../../site/png.ts'
import {
  ADMIN,
  bearer,
  GUARDIAN,
  OTHER_SCHOOL_ADMIN,
  pullAll,
  startTestApp,
  syncClient,
  TEACHER,
  type SyncClient,
  type TestApp,
} from '../../test-support/app.ts'
import { creations, update } from '../../test-support/documents.ts'
import { describeEachStore, tempDir } from '../../test-support/stores.ts'

const OTHER_TEACHER = '13800000004'
const HOUR = 3_600_000
const PUBLIC_URL = 'https://school.example'

const wire = <T extends Article | Banner | ArticleType | SiteSettings>(doc: T): WireDocument<T> => ({
  ...doc,
  _deleted: false,
})

describeEachStore('micro-site public pages ($name)', (factory) => {
  let server: TestApp
  let blobDir: string
  let now: number
  let admin: SyncClient
  let teacher: SyncClient
  let images: Record<'banner' | 'cover' | 'body' | 'unlisted' | 'private', BlobRef>
  let published: WireDocument<Article>

  const get = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers })
  const postJson = (url: string, payload: object) =>
    server.app.inject({ method: 'POST', url, payload, remoteAddress: '203.0.113.9' })
  const postForm = (url: string, fields: Record<string, string>, remoteAddress = '203.0.113.10') =>
    server.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress,
    })

  async function upload(client: SyncClient, seed: number): Promise<BlobRef> {
    const bytes = gradientPng(16, 8, [seed, 40, 90], [200, seed, 30])
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const response = await server.app.inject({
      method: 'PUT',
      url: `/api/blobs/${sha256}`,
      headers: { ...bearer(client.session.accessToken), 'content-type': 'image/png' },
      payload: bytes,
    })
    expect(response.statusCode).toBeLessThan(300)
    return { sha256, name: `${seed}.png`, size: bytes.length, mime: 'image/png' }
  }

  async function pushOk(client: SyncClient, collection: string, rows: Parameters<SyncClient['push']>[1]) {
    const response = await client.push(collection, rows)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual([])
  }

  const comments = async () =>
    (await pullAll(admin, 'site')).documents.filter(
      (doc): doc is WireDocument<Comment> => doc.kind === 'comment',
    )

  beforeEach(async () => {
    now = Date.UTC(2026, 8, 1, 2)
    blobDir = tempDir('campus-desk-site-')
    server = await startTestApp(factory, {
      blobDir,
      clock: () => now,
      publicUrl: PUBLIC_URL,
      siteCommentLimit: { maxFailures: 4, windowMs: 60_000 },
    })
    admin = await syncClient(server, ADMIN)
    teacher = await syncClient(server, TEACHER)
    images = {
      banner: await upload(admin, 1),
      cover: await upload(teacher, 2),
      body: await upload(teacher, 3),
      unlisted: await upload(admin, 4),
      private: await upload(teacher, 5),
    }
    const authorId = teacher.session.user.id
    await pushOk(
      admin,
      'catalog',
      creations([
        wire(articleType()),
        wire(articleType({ id: 'off', name: '旧栏目', enabled: false, order: 2 })),
      ]),
    )
    await pushOk(
      admin,
      'site',
      creations([
        wire(banner({ image: images.banner })),
        wire(banner({ id: 'banner2', name: '未上架', listed: false, image: images.unlisted })),
      ]),
    )
    const body = `<p>比赛很精彩</p><img data-blob="${images.body.sha256}" alt="跑步"><script>alert(1)</script>`
    published = wire(article({ authorId, cover: images.cover, images: [images.body], body, pinned: true }))
    await pushOk(
      teacher,
      'site',
      creations([
        published,
        wire(article({ id: 'draft', authorId, title: '草稿文章', status: 'draft', cover: images.private })),
        wire(article({ id: 'later', authorId, title: '预定发布', publishAt: now + HOUR })),
        wire(article({ id: 'quiet', authorId, title: '不开放评论', allowComments: false, cover: undefined })),
        { ...wire(article({ id: 'gone', authorId, title: '已删除' })), _deleted: true },
      ]),
    )
  })

  afterEach(async () => {
    await server.close()
    rmSync(blobDir, { recursive: true, force: true })
  })

  it('serves the home with banners, hot and latest by type, headers and ETag / 304', async () => {
    const home = await get('/site/demo/', { 'accept-language': 'zh-CN' })
    expect(home.statusCode).toBe(200)
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(home.headers['content-security-policy']).toContain("script-src 'self'")
    expect(home.headers['x-frame-options']).toBe('DENY')
    expect(home.headers['cache-control']).toBe('public, max-age=0, must-revalidate')
    expect(home.body).toContain('示范学校')
    expect(home.body).toContain('开学典礼')
    expect(home.body).not.toContain('未上架')
    expect(home.body).toContain(`/site/demo/media/${images.banner.sha256}`)
    expect(home.body).toContain('热门')
    expect(home.body).toContain('运动会圆满结束')
    expect(home.body).toContain('不开放评论')
    for (const hidden of ['草稿文章', '预定发布', '已删除', '旧栏目']) expect(home.body).not.toContain(hidden)
    expect(home.body).not.toContain('<script')

    const etag = String(home.headers.etag)
    expect((await get('/site/demo/', { 'if-none-match': etag, 'accept-language': 'zh-CN' })).statusCode).toBe(
      304,
    )
    const english = await get('/site/demo/?lang=en')
    expect(english.body).toContain('Popular')
    expect(english.headers.etag).not.toBe(etag)
    expect((await get('/site/demo')).statusCode).toBe(301)
    expect((await get('/site/nowhere/')).statusCode).toBe(404)
  })

  it('shows a publish, an unpublish and a scheduled article at once', async () => {
    const before = await get('/site/demo/')
    const [draft] = (await pullAll(teacher, 'site')).documents.filter(
      (doc) => doc.id === 'draft',
    ) as WireDocument<Article>[]
    await pushOk(teacher, 'site', [update(draft as WireDocument<Article>, { status: 'published' })])
    const after = await get('/site/demo/', { 'if-none-match': String(before.headers.etag) })
    expect(after.statusCode).toBe(200)
    expect(after.body).toContain('草稿文章')

    await pushOk(teacher, 'site', [update(published, { status: 'draft' })])
    expect((await get('/site/demo/')).body).not.toContain('运动会圆满结束')
    expect((await get('/site/demo/articles/a1')).statusCode).toBe(404)

    expect((await get('/site/demo/articles/later')).statusCode).toBe(404)
    now += HOUR
    expect((await get('/site/demo/articles/later')).statusCode).toBe(200)
    expect((await get('/site/demo/')).body).toContain('预定发布')
  })

  it('serves a public article with Open Graph tags and a sanitised body; 404 for the rest', async () => {
    const page = await get('/site/demo/articles/a1?lang=zh-CN')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<meta property="og:title" content="运动会圆满结束">')
    expect(page.body).toContain('<meta property="og:description" content="全校师生参加了秋季运动会">')
    expect(page.body).toContain(
      `<meta property="og:image" content="${PUBLIC_URL}/site/demo/media/${images.cover.sha256}">`,
    )
    expect(page.body).toContain(`<meta property="og:url" content="${PUBLIC_URL}/site/demo/articles/a1">`)
    expect(page.body).toContain(
      `<img src="/site/demo/media/${images.body.sha256}" alt="跑步" loading="lazy" />`,
    )
    expect(page.body).toContain('作者：李老师')
    expect(page.body).not.toContain('alert(1)')
    expect(page.body).toContain('name="website"')
    for (const hook of [
      'site-article',
      'site-comment-form',
      'site-comment-name',
      'site-comment-body',
      'site-comment-submit',
    ])
      expect(page.body).toContain(`data-test="${hook}"`)
    expect((await get('/site/demo/articles/quiet')).body).toContain('本文不开放评论')
    expect((await get('/site/demo/articles/quiet')).body).not.toContain('<form')
    expect(
      (await get('/site/demo/articles/a1', { 'if-none-match': String(page.headers.etag) })).statusCode,
    ).toBe(304)

    const other = await syncClient(server, OTHER_SCHOOL_ADMIN)
    const foreign = wire(
      article({ id: 'x1', schoolId: 'demo2', authorId: other.session.user.id, cover: undefined }),
    )
    await pushOk(other, 'site', creations([foreign]))
    expect((await get('/site/second/articles/x1')).statusCode).toBe(200)
    for (const id of ['draft', 'later', 'gone', 'x1', 'nothing'])
      expect((await get(`/site/demo/articles/${id}`)).statusCode, id).toBe(404)
    expect((await get('/site/demo/articles/draft')).body).toContain('页面不存在')
  })

  it('serves media of public articles and listed banners only, immutable, and no more once unpublished', async () => {
    const cover = await get(`/site/demo/media/${images.cover.sha256}`)
    expect(cover.statusCode).toBe(200)
    expect(cover.headers['content-type']).toBe('image/png')
    expect(cover.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(cover.rawPayload.subarray(1, 4).toString()).toBe('PNG')
    expect(
      (await get(`/site/demo/media/${images.cover.sha256}`, { 'if-none-match': String(cover.headers.etag) }))
        .statusCode,
    ).toBe(304)
    expect((await get(`/site/demo/media/${images.body.sha256}`)).statusCode).toBe(200)
    expect((await get(`/site/demo/media/${images.banner.sha256}`)).statusCode).toBe(200)
    for (const hidden of [images.unlisted, images.private])
      expect((await get(`/site/demo/media/${hidden.sha256}`)).statusCode).toBe(404)
    expect((await get(`/site/second/media/${images.cover.sha256}`)).statusCode).toBe(404)
    expect((await get('/site/demo/media/not-a-hash')).statusCode).toBe(400)

    await pushOk(teacher, 'site', [update(published, { status: 'draft' })])
    expect((await get(`/site/demo/media/${images.cover.sha256}`)).statusCode).toBe(404)
  })

  it("shows the school's logo beside its name once an admin sets it, and no more once removed", async () => {
    const logoTag = /<img class="logo-image"[^>]*>/
    const before = await get('/site/demo/?lang=zh-CN')
    expect(before.body).not.toMatch(logoTag)
    expect(before.body).toContain('<span class="logo" aria-hidden="true">示</span>')

    const logo = await upload(admin, 6)
    expect((await get(`/site/demo/media/${logo.sha256}`)).statusCode).toBe(404)
    const settings = wire(siteSettings({ logo }))
    await pushOk(admin, 'site', creations([settings]))
    const home = await get('/site/demo/?lang=zh-CN', { 'if-none-match': String(before.headers.etag) })
    expect(home.statusCode).toBe(200)
    expect(home.body.match(logoTag)?.[0]).toBe(
      `<img class="logo-image" data-test="site-logo" src="/site/demo/media/${logo.sha256}" alt="示范学校" height="36">`,
    )
    expect(home.body).not.toContain('<span class="logo"')
    expect((await get('/site/demo/articles/a1')).body).toMatch(logoTag)
    expect((await get(`/site/demo/media/${logo.sha256}`)).statusCode).toBe(200)

    await pushOk(admin, 'site', [update(settings, { logo: undefined })])
    expect((await get('/site/demo/')).body).not.toMatch(logoTag)
    expect((await get(`/site/demo/media/${logo.sha256}`)).statusCode).toBe(404)
  })

  it('keeps comments pending until the author or an admin approves them', async () => {
    const posted = await postJson('/site/demo/articles/a1/comments', { name: '陈家长', body: '办得真好' })
    expect(posted.statusCode).toBe(202)
    expect(posted.json()).toMatchObject({ status: 'pending' })
    const [pending] = await comments()
    expect(pending).toMatchObject({
      articleId: 'a1',
      name: '陈家长',
      body: '办得真好',
      status: 'pending',
      createdAt: now,
    })
    expect((await get('/site/demo/articles/a1')).body).not.toContain('办得真好')

    const form = await postForm('/site/demo/articles/a1/comments', {
      name: '路人',
      body: '加油',
      website: '',
      lang: 'zh-TW',
    })
    expect(form.statusCode).toBe(303)
    expect(form.headers.location).toBe('/site/demo/articles/a1?lang=zh-TW&comment=pending#comments')
    expect((await get(String(form.headers.location).replace('#comments', ''))).body).toContain('評論已提交')

    const stored = pending as WireDocument<Comment>
    const other = await syncClient(server, OTHER_TEACHER)
    const refused = await other.push('site', [update(stored, { status: 'approved' })])
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({
      message: expect.stringContaining('only admins and the article’s author'),
    })
    const edited = await teacher.push('site', [update(stored, { status: 'approved', body: '改过' })])
    expect(edited.statusCode).toBe(403)
    expect(edited.json()).toMatchObject({
      message: expect.stringContaining('only the status of a comment can change'),
    })
    const created = await admin.push('site', creations([{ ...stored, id: 'forged' }]))
    expect(created.statusCode).toBe(403)
    expect((await comments()).map((c) => c.status)).toEqual(['pending', 'pending'])

    await pushOk(teacher, 'site', [update(stored, { status: 'approved' })])
    const page = await get('/site/demo/articles/a1')
    expect(page.body).toContain('办得真好')
    expect(page.body).not.toContain('加油')
    expect((await pullAll(await syncClient(server, GUARDIAN), 'site')).documents).toEqual([])
  })

  it('refuses comments on articles without them or not public, bad input, bots and floods', async () => {
    const quiet = await postJson('/site/demo/articles/quiet/comments', { name: 'a', body: 'b' })
    expect(quiet.statusCode).toBe(403)
    expect(quiet.json()).toEqual({ error: 'Forbidden', message: 'This article does not take comments' })
    expect((await postJson('/site/demo/articles/draft/comments', { name: 'a', body: 'b' })).statusCode).toBe(
      404,
    )
    const blank = await postForm('/site/demo/articles/a1/comments', { name: '王同学', body: '   ' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('value="王同学"')
    expect(blank.body).toContain('role="alert"')
    const long = await postJson('/site/demo/articles/a1/comments', { name: 'a', body: 'x'.repeat(1001) })
    expect(long.statusCode).toBe(400)
    const bot = await postForm(
      '/site/demo/articles/a1/comments',
      { name: 'bot', body: 'spam', website: 'http://spam.example' },
      '198.51.100.1',
    )
    expect(bot.statusCode).toBe(303)
    expect(await comments()).toEqual([])

    const flood = '198.51.100.2'
    for (let i = 0; i < 4; i += 1)
      expect(
        (await postForm('/site/demo/articles/a1/comments', { name: 'n', body: `${i}` }, flood)).statusCode,
      ).toBe(303)
    const limited = await postForm('/site/demo/articles/a1/comments', { name: 'n', body: '5' }, flood)
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toBeDefined()
    expect(limited.body).toContain('提交过于频繁')
    expect(
      (await postForm('/site/demo/articles/a1/comments', { name: 'n', body: 'ok' }, '198.51.100.3'))
        .statusCode,
    ).toBe(303)
    expect(await comments()).toHaveLength(5)
  })

  it('pages a type’s articles and 404s unknown or disabled types', async () => {
    const authorId = admin.session.user.id
    const many = Array.from({ length: 23 }, (_, i) =>
      wire(
        article({
          id: `n${i}`,
          authorId,
          title: `新闻 ${i}`,
          cover: undefined,
          publishAt: now - (i + 1) * HOUR,
        }),
      ),
    )
    await pushOk(admin, 'site', creations(many))
    const first = await get('/site/demo/types/news?lang=en')
    expect(first.statusCode).toBe(200)
    expect(first.body.match(/class="card"/g)).toHaveLength(20)
    expect(first.body).toContain('Page 1 of 2')
    const second = await get('/site/demo/types/news?page=2&lang=en')
    expect(second.body.match(/class="card"/g)).toHaveLength(5)
    expect(second.body).toContain('新闻 22')
    expect((await get('/site/demo/types/news?page=3')).statusCode).toBe(404)
    expect((await get('/site/demo/types/off')).statusCode).toBe(404)
    expect((await get('/site/demo/types/none')).statusCode).toBe(404)
    expect((await get('/site/demo/types/news?page=0')).statusCode).toBe(400)
  })

  it("tells every signed-in user their school's public site address, by the school's code", async () => {
    const address = async (client: SyncClient) =>
      server.app.inject({
        method: 'GET',
        url: '/api/site/address',
        headers: bearer(client.session.accessToken),
      })
    expect((await address(teacher)).json()).toEqual({ code: 'demo', home: `${PUBLIC_URL}/site/demo/` })
    expect((await address(await syncClient(server, GUARDIAN))).json()).toEqual({
      code: 'demo',
      home: `${PUBLIC_URL}/site/demo/`,
    })
    const other = await address(await syncClient(server, OTHER_SCHOOL_ADMIN))
    expect(other.json()).toEqual({ code: 'second', home: `${PUBLIC_URL}/site/second/` })
    expect((await get('/site/second/')).statusCode).toBe(200)
    expect((await server.app.inject({ method: 'GET', url: '/api/site/address' })).statusCode).toBe(401)
  })

  it('counts page views for staff and serves the Atom feed', async () => {
    await get('/site/demo/articles/a1')
    await get('/site/demo/articles/a1')
    await get('/site/demo/articles/quiet')
    const stats = await server.app.inject({
      method: 'GET',
      url: '/api/site/stats',
      headers: bearer(teacher.session.accessToken),
    })
    expect(stats.json()).toEqual({ views: { a1: 2, quiet: 1 } })
    await server.app.site.views.flush()
    await get('/site/demo/articles/a1')
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/site/stats',
      headers: bearer(admin.session.accessToken),
    })
    expect(again.json()).toEqual({ views: { a1: 3, quiet: 1 } })
    const guardian = await syncClient(server, GUARDIAN)
    const refused = await server.app.inject({
      method: 'GET',
      url: '/api/site/stats',
      headers: bearer(guardian.session.accessToken),
    })
    expect(refused.statusCode).toBe(403)
    expect((await server.app.inject({ method: 'GET', url: '/api/site/stats' })).statusCode).toBe(401)

    const feed = await get('/site/demo/feed.xml')
    expect(feed.statusCode).toBe(200)
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8')
    expect(feed.body).toContain(`<id>${PUBLIC_URL}/site/demo/articles/a1</id>`)
    expect(feed.body).not.toContain('草稿文章')
  })
})
