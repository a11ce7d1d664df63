import { describe, expect, it } from 'vitest'
import { isNameTaken } from './form-rules.ts'

const subjects = [
  { id: 'a', name: '数学' },
  { id: 'b', name: 'English ' },
]

describe('isNameTaken', () => {
  it('finds a name used by another document, trimmed and case-insensitive', () => {
    expect(isNameTaken(' 数学', subjects, null)).toBe(true)
    expect(isNameTaken('english', subjects, null)).toBe(true)
    expect(isNameTaken('语文', subjects, null)).toBe(false)
  })

  it('does not count the document being edited', () => {
    expect(isNameTaken('数学', subjects, 'a')).toBe(false)
    expect(isNameTaken('数学', subjects, 'b')).toBe(true)
  })
})
