import { describe, expect, it } from 'vitest'
import { article, image } from '../../../../domain/site/testing.ts'
import { articleFields, draftOf, draftProblems, emptyDraft } from './article-draft.ts'

const NOW = 1_000_000

describe('article drafts', () => {
  it('round-trips a stored article', () => {
    const stored = article({ publishAt: NOW + 1, pinned: true })
    const { id: _id, kind: _kind, schoolId: _school, updatedAt: _at, authorId: _author, ...fields } = stored
    expect(articleFields(draftOf(stored), 'published')).toEqual(fields)
  })

  it('needs a title and a type to be saved, a time to come to be published later', () => {
    expect(draftProblems(emptyDraft(null), false, NOW)).toEqual(['title', 'type'])
    const later = { ...emptyDraft('news'), title: '开放日', publishLater: true }
    expect(draftProblems(later, false, NOW)).toEqual([])
    expect(draftProblems(later, true, NOW)).toEqual(['publishAt'])
    expect(draftProblems({ ...later, publishAt: NOW }, true, NOW)).toEqual(['publishAtPast'])
    expect(draftProblems({ ...later, publishAt: NOW + 60_000 }, true, NOW)).toEqual([])
    expect(draftProblems({ ...later, title: 'x'.repeat(121) }, false, NOW)).toEqual(['titleTooLong'])
  })

  it('keeps only the images the body still shows, each once', () => {
    const kept = image('e')
    const draft = {
      ...emptyDraft('news'),
      title: '图片',
      body: `<p>a</p><img data-blob="${kept.sha256}" alt="e">`,
      images: [image('f'), kept, kept],
    }
    expect(articleFields(draft, 'draft').images).toEqual([kept])
  })

  it('leaves out an empty summary, no cover, and the publishing time of a draft or of "publish now"', () => {
    const draft = {
      ...emptyDraft('news'),
      title: ' 标题 ',
      summary: '  ',
      publishLater: true,
      publishAt: NOW + 1,
    }
    const saved = articleFields(draft, 'draft')
    expect(saved).not.toHaveProperty('summary')
    expect(saved).not.toHaveProperty('cover')
    expect(saved).not.toHaveProperty('publishAt')
    expect(saved.title).toBe('标题')
    expect(articleFields(draft, 'published').publishAt).toBe(NOW + 1)
    expect(articleFields({ ...draft, publishLater: false }, 'published')).not.toHaveProperty('publishAt')
  })
})
