import { describe, expect, it } from 'vitest'
import { question, teacher, otherTeacher } from './testing.ts'
import type { Question } from './types.ts'
import { newVersionOf, pendingDraftOf, supersededIds } from './versions.ts'

/** The questions no newer published version supersedes, as the question bank lists them. */
function latestVersions(questions: Question[]): Question[] {
  const superseded = supersededIds(questions)
  return questions.filter((candidate) => !superseded.has(candidate.id))
}
import { questionKind } from './question.ts'

const v1 = question({ id: 'v1', lineageId: 'v1', status: 'published', createdAt: 100 })

describe('newVersionOf', () => {
  it('makes a draft of the next version with the same content, written by the user who asks', () => {
    const draft = newVersionOf(v1, 'v2', otherTeacher.id, 5_000)
    expect(draft).toMatchObject({
      id: 'v2',
      lineageId: 'v1',
      version: 2,
      previousId: 'v1',
      status: 'draft',
      authorId: otherTeacher.id,
      createdAt: 5_000,
      updatedAt: 5_000,
      stem: v1.stem,
      options: v1.options,
      subjectId: v1.subjectId,
    })
  })

  it('copies the content deeply: editing the draft leaves the published version as it was', () => {
    const draft = newVersionOf(v1, 'v2', teacher.id, 5_000)
    const option = draft.options?.[0]
    if (!option) throw new Error('the draft has no options')
    option.text = 'changed'
    expect(v1.options?.[0]?.text).toBe('3')
  })

  it('refuses a draft: drafts are edited, not versioned', () => {
    expect(() => newVersionOf(question({ status: 'draft' }), 'v2', teacher.id, 1)).toThrow(/is a draft/)
  })

  it('is a write the permission rule accepts from another teacher (a new question of their own)', () => {
    const draft = newVersionOf(v1, 'v2', otherTeacher.id, 5_000)
    expect(questionKind.canWrite(otherTeacher, draft, null).ok).toBe(true)
    expect(questionKind.check?.(draft)).toEqual([])
  })
})

describe('supersededIds / latestVersions', () => {
  const v2Published = question({ id: 'v2', lineageId: 'v1', version: 2, status: 'published' })
  const v3Draft = question({ id: 'v3', lineageId: 'v1', version: 3, status: 'draft' })
  const other = question({ id: 'o1', lineageId: 'o1', status: 'published' })

  it('hides a version when its lineage has a newer published version', () => {
    expect(supersededIds([v1, v2Published, other])).toEqual(new Set(['v1']))
    expect(latestVersions([v1, v2Published, other]).map((q) => q.id)).toEqual(['v2', 'o1'])
  })

  it('does not hide the published version behind a draft of a newer one', () => {
    expect(latestVersions([v1, v3Draft]).map((q) => q.id)).toEqual(['v1', 'v3'])
  })

  it('hides a stale draft once a newer version is published', () => {
    const v2Draft = question({ id: 'v2d', lineageId: 'v1', version: 2, status: 'draft' })
    const v3Published = question({ id: 'v3p', lineageId: 'v1', version: 3, status: 'published' })
    expect(supersededIds([v1, v2Draft, v3Published])).toEqual(new Set(['v1', 'v2d']))
  })

  it('keeps two published versions of the same number (made from the same one by two teachers)', () => {
    const theirs = question({ id: 'v2b', lineageId: 'v1', version: 2, status: 'published' })
    expect(latestVersions([v1, v2Published, theirs]).map((q) => q.id)).toEqual(['v2', 'v2b'])
  })
})

describe('pendingDraftOf', () => {
  const mine = question({ id: 'v2', lineageId: 'v1', version: 2, status: 'draft', authorId: teacher.id })

  it('finds the draft the user already started from this published version', () => {
    expect(pendingDraftOf([v1, mine], v1, teacher.id)?.id).toBe('v2')
  })

  it("ignores other teachers' drafts and other lineages", () => {
    expect(pendingDraftOf([v1, mine], v1, otherTeacher.id)).toBeUndefined()
    const elsewhere = question({ id: 'x2', lineageId: 'x1', version: 2, status: 'draft' })
    expect(pendingDraftOf([v1, elsewhere], v1, teacher.id)).toBeUndefined()
  })
})
