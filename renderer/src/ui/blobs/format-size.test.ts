import { describe, expect, it } from 'vitest'
import { formatSize } from './format-size.ts'

describe('formatSize', () => {
  it('shows bytes whole and larger sizes with one decimal at most', () => {
    expect(formatSize(0, 'en')).toBe('0 B')
    expect(formatSize(1023, 'en')).toBe('1,023 B')
    expect(formatSize(1536, 'en')).toBe('1.5 KB')
    expect(formatSize(12 * 1024 * 1024, 'zh-CN')).toBe('12 MB')
    expect(formatSize(3.25 * 1024 ** 3, 'en')).toBe('3.3 GB')
  })
})
