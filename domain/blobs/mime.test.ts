import { describe, expect, it } from 'vitest'
import { mimeOf } from './mime.ts'

describe('mimeOf', () => {
  it('keeps the type the bytes declare', () => {
    expect(mimeOf('image/PNG', 'photo.jpg')).toBe('image/png')
  })

  it('guesses common types from the extension, case-insensitively', () => {
    expect(mimeOf('', 'Scan.JPEG')).toBe('image/jpeg')
    expect(mimeOf('', 'marks.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })

  it('falls back to bytes of unknown type', () => {
    expect(mimeOf('', 'README')).toBe('application/octet-stream')
    expect(mimeOf('', 'archive.xyz')).toBe('application/octet-stream')
  })
})
