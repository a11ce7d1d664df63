import { describe, expect, it } from 'vitest'
import { comment } from '../../../../domain/site/testing.ts'
import { moderationQueue, pendingCounts } from './comment-queue.ts'

const comments = [
  comment({ id: 'old-approved', status: 'approved', createdAt: 1 }),
  comment({ id: 'late-pending', status: 'pending', createdAt: 50 }),
  comment({ id: 'rejected', status: 'rejected', createdAt: 60 }),
  comment({ id: 'early-pending', status: 'pending', createdAt: 10, articleId: 'a2' }),
  comment({ id: 'new-approved', status: 'approved', createdAt: 70 }),
]
const ids = (list: { id: string }[]) => list.map((item) => item.id)

describe('moderationQueue', () => {
  it('puts pending comments first in the order they came, then the others newest first', () => {
    expect(ids(moderationQueue(comments, { articleId: null, status: null }))).toEqual([
      'early-pending',
      'late-pending',
      'new-approved',
      'old-approved',
      'rejected',
    ])
  })

  it('keeps one article’s comments, or one status', () => {
    expect(ids(moderationQueue(comments, { articleId: 'a2', status: null }))).toEqual(['early-pending'])
    expect(ids(moderationQueue(comments, { articleId: null, status: 'approved' }))).toEqual([
      'new-approved',
      'old-approved',
    ])
  })
})

describe('pendingCounts', () => {
  it('counts the pending comments the user may moderate, per article too', () => {
    const all = pendingCounts(comments, () => true)
    expect(all.total).toBe(2)
    expect(all.byArticle).toEqual(
      new Map([
        ['a1', 1],
        ['a2', 1],
      ]),
    )
    expect(pendingCounts(comments, (found) => found.articleId === 'a2').total).toBe(1)
  })
})
