import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Article } from '../../../domain/site/article.ts'
import { article, articleType, banner, comment, siteSettings } from '../../../domain/site/testing.ts'
import { atomFeed, type PageContext } from '../pages/site/render.ts'
import { buildSnapshot, type SiteDocuments } from './snapshot.ts'

const NOW = Date.UTC(2026, 8, 1)
const school = { id: 'demo', code: 'demo', name: '示范学校 & <Co>' }
const ctx: PageContext = {
  lang: 'zh-CN',
  root: '/site/demo',
  absoluteRoot: 'https://school.example/site/demo',
}
const live = <T extends Article>(doc: T): WireDocument<T> => ({ ...doc, _deleted: false })

function documents(changes: Partial<SiteDocuments> = {}): SiteDocuments {
  return {
    articles: [
      live(
        article({ publishAt: NOW - 2000, body: '<p>a & b</p><script>x()</script>', title: '标题 <1> & "2"' }),
      ),
      live(article({ id: 'a2', publishAt: NOW - 1000, anonymous: true, pinned: true })),
      live(article({ id: 'draft', status: 'draft' })),
      live(article({ id: 'later', publishAt: NOW + 5000, pinned: true })),
    ],
    banners: [
      { ...banner({ id: 'b2', order: 2 }), _deleted: false },
      { ...banner({ order: 1 }), _deleted: false },
      { ...banner({ id: 'off', listed: false }), _deleted: false },
    ],
    types: [{ ...articleType(), _deleted: false }],
    comments: [
      { ...comment({ status: 'approved' }), _deleted: false },
      { ...comment({ id: 'cm-draft', articleId: 'draft', status: 'approved' }), _deleted: false },
    ],
    settings: null,
    staffNames: new Map([['t1', '李老师']]),
    publishedAt: new Map(),
    ...changes,
  }
}

describe('public snapshot', () => {
  it('keeps public articles newest first, hot = pinned, listed banners by order, until the next publication', () => {
    const snapshot = buildSnapshot(school, documents(), NOW)
    expect(snapshot.articles.map((entry) => entry.article.id)).toEqual(['a2', 'a1'])
    expect(snapshot.hot.map((entry) => entry.article.id)).toEqual(['a2'])
    expect(snapshot.banners.map((b) => b.id)).toEqual(['banner1', 'b2'])
    expect(snapshot.articleById.get('a2')?.authorName).toBeNull()
    expect(snapshot.articleById.get('a1')?.authorName).toBe('李老师')
    expect([...snapshot.comments.keys()]).toEqual(['a1'])
    expect(snapshot.validUntil).toBe(NOW + 5000)
    expect(snapshot.mediaHashes.has('c'.repeat(64))).toBe(true)
    expect(snapshot.mediaHashes.has('b'.repeat(64))).toBe(true)
    const later = buildSnapshot(school, documents(), NOW + 5000)
    expect(later.hot.map((entry) => entry.article.id)).toEqual(['later', 'a2'])
    expect(later.validUntil).toBe(Infinity)
  })

  it('takes at most ten pinned articles as hot', () => {
    const pinned = Array.from({ length: 12 }, (_, i) =>
      live(article({ id: `p${i}`, pinned: true, publishAt: NOW - i })),
    )
    const hot = buildSnapshot(school, documents({ articles: pinned }), NOW).hot
    expect(hot.map((entry) => entry.article.id)).toEqual(pinned.slice(0, 10).map((doc) => doc.id))
  })

  it('shows and serves the logo only while the site settings have one', () => {
    const logoHash = 'f'.repeat(64)
    const without = buildSnapshot(school, documents(), NOW)
    expect(without.logo).toBeNull()
    expect(without.mediaHashes.has(logoHash)).toBe(false)
    const settings = { ...siteSettings(), _deleted: false }
    const withLogo = buildSnapshot(school, documents({ settings }), NOW)
    expect(withLogo.logo?.sha256).toBe(logoHash)
    expect(withLogo.mediaHashes.has(logoHash)).toBe(true)
  })
})

describe('Atom feed', () => {
  it('is well-formed Atom with escaped text and sanitised content', () => {
    const xml = atomFeed(buildSnapshot(school, documents(), NOW), ctx)
    expect(XMLValidator.validate(xml)).toBe(true)
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).feed
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom')
    expect(feed.title).toBe('示范学校 & <Co>')
    expect(feed.id).toBe('https://school.example/site/demo/')
    expect(feed.updated).toBe(new Date(NOW - 1000).toISOString())
    expect(feed.entry).toHaveLength(2)
    const [newest, older] = feed.entry
    expect(newest.id).toBe('https://school.example/site/demo/articles/a2')
    expect(newest.author.name).toBe('示范学校 & <Co>')
    expect(older.author.name).toBe('李老师')
    expect(older.link.href).toBe('https://school.example/site/demo/articles/a1')
    expect(older.content.type).toBe('html')
    expect(older.content['#text']).not.toContain('script')
  })

  it('decodes to the original text with entities processed', () => {
    const xml = atomFeed(buildSnapshot(school, documents(), NOW), ctx)
    const feed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      processEntities: true,
      htmlEntities: true,
    }).parse(xml).feed
    expect(feed.title).toBe('示范学校 & <Co>')
    expect(feed.entry[1].title).toBe('标题 <1> & "2"')
    expect(feed.entry[1].content['#text']).toContain('<p>a &amp; b</p>')
  })
})
