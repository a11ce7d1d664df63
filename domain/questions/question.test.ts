import { describe, expect, it } from 'vitest'
import { canRead, checkWrite } from '../permissions.ts'
import { admin, guardian, otherTeacher, question, teacher } from './testing.ts'

const published = question({ status: 'published' })
const deleted = <T>(doc: T) => ({ ...doc, _deleted: true })

describe('question permissions', () => {
  it('lets staff create questions in their own name only', () => {
    expect(checkWrite(teacher, question(), null).ok).toBe(true)
    expect(checkWrite(otherTeacher, question(), null)).toMatchObject({ ok: false })
    expect(checkWrite(guardian, question({ authorId: guardian.id }), null)).toMatchObject({
      reason: 'question q1: only staff may write questions',
    })
  })

  it('lets only the author change or delete a draft', () => {
    const edited = question({ stem: '<p>1+1=?</p>' })
    expect(checkWrite(teacher, edited, question()).ok).toBe(true)
    expect(checkWrite(teacher, deleted(question()), question()).ok).toBe(true)
    expect(checkWrite(otherTeacher, edited, question()).ok).toBe(false)
    expect(checkWrite(admin, deleted(question()), question()).ok).toBe(false)
    expect(checkWrite(teacher, question({ version: 2 }), question()).ok).toBe(false)
  })

  it('keeps a published question read-only, deletes included', () => {
    const reason = 'question q1: a published question is read-only; editing it makes a new version'
    expect(checkWrite(teacher, { ...published, stem: '<p>x</p>' }, published)).toEqual({ ok: false, reason })
    expect(checkWrite(teacher, deleted(published), published)).toEqual({ ok: false, reason })
    expect(checkWrite(teacher, question(), published).ok).toBe(false)
  })

  it('publishes a draft by its author', () => {
    expect(checkWrite(teacher, published, question()).ok).toBe(true)
  })

  it('shows published questions to all staff, drafts to their author and admins, nothing to families', () => {
    expect(canRead(otherTeacher, published)).toBe(true)
    expect(canRead(otherTeacher, question())).toBe(false)
    expect(canRead(teacher, question())).toBe(true)
    expect(canRead(admin, question())).toBe(true)
    expect(canRead(guardian, published)).toBe(false)
  })
})
