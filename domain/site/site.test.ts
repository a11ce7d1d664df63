import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { canRead, checkWrite } from '../permissions.ts'
import { validateDocument } from '../validation.ts'
import { articleBlobHashes, canEditArticle, isPublicNow, isScheduled } from './article.ts'
import { canModerateComments, commentWriteProblems } from './comment.ts'
import { article, articleType, banner, comment, image, siteSettings } from './testing.ts'

const teacher: SessionUser = { id: 't1', schoolId: 'demo', name: '李老师', roles: ['teacher'] }
const otherTeacher: SessionUser = { id: 't2', schoolId: 'demo', name: '王老师', roles: ['teacher'] }
const admin: SessionUser = { id: 'a1', schoolId: 'demo', name: '王校长', roles: ['admin'] }
const guardian: SessionUser = { id: 'g1', schoolId: 'demo', name: '陈家长', roles: ['guardian'] }
const student: SessionUser = { id: 's1', schoolId: 'demo', name: '刘一诺', roles: ['student'] }
const tombstone = <T extends BaseDocument>(doc: T) => ({ ...doc, _deleted: true })
const reason = (result: { ok: boolean; reason?: string }) => (result.ok ? 'ok' : result.reason)

describe('micro-site schemas', () => {
  it('accepts documents of the contract shapes', () => {
    expect(validateDocument('catalog', articleType()).ok).toBe(true)
    expect(validateDocument('site', banner()).ok).toBe(true)
    expect(validateDocument('site', article()).ok).toBe(true)
    const { cover: _cover, summary: _summary, ...bare } = article({ publishAt: 5 })
    expect(validateDocument('site', bare).ok).toBe(true)
    expect(validateDocument('site', comment()).ok).toBe(true)
    expect(validateDocument('site', siteSettings()).ok).toBe(true)
    const { logo: _logo, ...noLogo } = siteSettings()
    expect(validateDocument('site', noLogo).ok).toBe(true)
  })

  it('refuses what breaks the contract, naming the document', () => {
    expect(validateDocument('site', article({ title: '' })).ok).toBe(false)
    expect(validateDocument('site', article({ title: 'x'.repeat(121) })).ok).toBe(false)
    expect(validateDocument('site', article({ status: 'sent' as never })).ok).toBe(false)
    expect(validateDocument('site', banner({ link: 'javascript:alert(1)' })).ok).toBe(false)
    expect(validateDocument('site', comment({ body: 'x'.repeat(1001) })).ok).toBe(false)
    expect(validateDocument('site', comment({ status: 'spam' as never })).ok).toBe(false)
    expect(validateDocument('catalog', articleType({ name: ' ' })).ok).toBe(false)
    // Kinds live in their own collections.
    expect(validateDocument('catalog', article()).ok).toBe(false)
    expect(validateDocument('site', articleType()).ok).toBe(false)
    const pdf = { ...image('e'), name: 'plan.pdf', mime: 'application/pdf' }
    expect(validateDocument('site', article({ cover: pdf }))).toEqual({
      ok: false,
      errors: ['article a1: plan.pdf is not an image'],
    })
    expect(validateDocument('site', banner({ image: pdf }))).toEqual({
      ok: false,
      errors: ['banner banner1: the image of a banner must be an image'],
    })
  })

  it('keeps one site settings document per school whose logo is an image', () => {
    const pdf = { ...image('e'), name: 'plan.pdf', mime: 'application/pdf' }
    expect(validateDocument('site', siteSettings({ logo: pdf }))).toEqual({
      ok: false,
      errors: ['site_settings site-settings: the logo of the site must be an image'],
    })
    expect(validateDocument('site', siteSettings({ id: 'other' }))).toEqual({
      ok: false,
      errors: ["site_settings other: the site's settings have the id site-settings"],
    })
    expect(validateDocument('site', { ...siteSettings(), title: 'x' }).ok).toBe(false)
    expect(validateDocument('org', siteSettings()).ok).toBe(false)
  })
})

describe('public now', () => {
  it('is published, not deleted, and past its publishAt by the server clock', () => {
    expect(isPublicNow(article(), 0)).toBe(true)
    expect(isPublicNow(article({ status: 'draft' }), 0)).toBe(false)
    expect(isPublicNow(tombstone(article()), 0)).toBe(false)
    const scheduled = article({ publishAt: 1000 })
    expect(isPublicNow(scheduled, 999)).toBe(false)
    expect(isScheduled(scheduled, 999)).toBe(true)
    expect(isPublicNow(scheduled, 1000)).toBe(true)
    expect(isScheduled(scheduled, 1000)).toBe(false)
    expect(isScheduled(article({ status: 'draft', publishAt: 1000 }), 0)).toBe(false)
  })

  it('lists every blob an article shows once', () => {
    expect(articleBlobHashes(article())).toEqual(['c'.repeat(64), 'd'.repeat(64)])
    const body = `<img data-blob="${'e'.repeat(64)}"><img data-blob="${'d'.repeat(64)}">`
    expect(articleBlobHashes(article({ cover: undefined, body }))).toEqual(['d'.repeat(64), 'e'.repeat(64)])
  })
})

describe('micro-site permissions', () => {
  it('lets only admins write article types and banners', () => {
    expect(reason(checkWrite(admin, articleType(), null))).toBe('ok')
    expect(reason(checkWrite(admin, banner(), null))).toBe('ok')
    expect(reason(checkWrite(teacher, articleType(), null))).toBe(
      'article_type news: only admins may change article types',
    )
    expect(reason(checkWrite(teacher, banner({ listed: false }), banner()))).toBe(
      'banner banner1: only admins may change banners',
    )
    expect(reason(checkWrite(admin, siteSettings(), null))).toBe('ok')
    expect(reason(checkWrite(teacher, siteSettings({ logo: image('e') }), siteSettings()))).toBe(
      "site_settings site-settings: only admins may change the site's settings",
    )
  })

  it('lets staff write their own articles and admins every article', () => {
    expect(reason(checkWrite(teacher, article(), null))).toBe('ok')
    expect(reason(checkWrite(teacher, article({ pinned: true }), article()))).toBe('ok')
    expect(reason(checkWrite(teacher, tombstone(article()), article()))).toBe('ok')
    expect(reason(checkWrite(otherTeacher, article({ title: '改' }), article()))).toBe(
      'article a1: staff may change only their own articles',
    )
    expect(reason(checkWrite(otherTeacher, tombstone(article()), article()))).toBe(
      'article a1: staff may change only their own articles',
    )
    expect(reason(checkWrite(otherTeacher, article(), null))).toBe(
      'article a1: a new article must have its pusher as author',
    )
    expect(reason(checkWrite(admin, article({ status: 'draft' }), article()))).toBe('ok')
    expect(reason(checkWrite(admin, article({ authorId: 'a1' }), article()))).toBe(
      'article a1: the author of an article cannot change',
    )
    expect(reason(checkWrite(guardian, article({ authorId: 'g1' }), null))).toBe(
      'article a1: only staff may write articles',
    )
    expect(canEditArticle(teacher, article())).toBe(true)
    expect(canEditArticle(otherTeacher, article())).toBe(false)
    expect(canEditArticle(admin, article())).toBe(true)
  })

  it('never lets anyone create, delete or edit a comment, only change its status', () => {
    expect(reason(checkWrite(admin, comment(), null))).toBe(
      'comment cm1: comments are created by the server only',
    )
    expect(reason(checkWrite(admin, tombstone(comment()), comment()))).toBe(
      'comment cm1: comments cannot be deleted: reject them instead',
    )
    expect(reason(checkWrite(admin, comment({ body: '改过的' }), comment()))).toBe(
      'comment cm1: only the status of a comment can change',
    )
    expect(reason(checkWrite(admin, comment({ status: 'approved', name: 'x' }), comment()))).toBe(
      'comment cm1: only the status of a comment can change',
    )
    expect(reason(checkWrite(admin, comment({ status: 'approved', updatedAt: 9 }), comment()))).toBe('ok')
    expect(reason(checkWrite(guardian, comment({ status: 'approved' }), comment()))).toBe(
      'comment cm1: only staff may moderate comments',
    )
  })

  it('lets admins and the article’s author moderate its comments', () => {
    const approve = comment({ status: 'approved' })
    expect(commentWriteProblems(admin, approve, comment(), null)).toEqual([])
    expect(commentWriteProblems(teacher, approve, comment(), article())).toEqual([])
    expect(commentWriteProblems(otherTeacher, approve, comment(), article())).toEqual([
      'only admins and the article’s author may moderate its comments',
    ])
    expect(commentWriteProblems(teacher, approve, comment(), null)).toEqual([
      'article a1 of the comment is missing',
    ])
    expect(commentWriteProblems(teacher, comment({ body: 'x' }), comment(), article())).toEqual([
      'only the status of a comment can change',
    ])
    expect(canModerateComments(teacher, article())).toBe(true)
    expect(canModerateComments(otherTeacher, article())).toBe(false)
  })

  it('shows every micro-site document to the school’s staff and none to families', () => {
    for (const doc of [articleType(), banner(), article({ status: 'draft' }), comment(), siteSettings()]) {
      expect(canRead(teacher, doc)).toBe(true)
      expect(canRead(admin, doc)).toBe(true)
      expect(canRead(guardian, doc)).toBe(false)
      expect(canRead(student, doc)).toBe(false)
      expect(canRead({ ...admin, schoolId: 'demo2' }, doc)).toBe(false)
    }
  })
})
