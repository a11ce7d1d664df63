import { describe, expect, it } from 'vitest'
import { noneMatchHits, rangeAnswer } from './conditional.ts'

describe('rangeAnswer', () => {
  it('serves everything without a usable Range header', () => {
    expect(rangeAnswer(100, undefined)).toEqual({ status: 200 })
    expect(rangeAnswer(100, 'bytes=abc')).toEqual({ status: 200 })
    expect(rangeAnswer(100, 'items=0-5')).toEqual({ status: 200 })
    expect(rangeAnswer(100, 'bytes=0-1,50-60')).toEqual({ status: 200 })
  })

  it('serves one range, clamped to the size', () => {
    expect(rangeAnswer(100, 'bytes=0-9')).toEqual({ status: 206, range: { start: 0, end: 9 } })
    expect(rangeAnswer(100, 'bytes=-10')).toEqual({ status: 206, range: { start: 90, end: 99 } })
    expect(rangeAnswer(100, 'bytes=5-')).toEqual({ status: 206, range: { start: 5, end: 99 } })
    expect(rangeAnswer(100, 'bytes=90-500')).toEqual({ status: 206, range: { start: 90, end: 99 } })
    expect(rangeAnswer(100, 'bytes=0-5,3-9')).toEqual({ status: 206, range: { start: 0, end: 9 } })
  })

  it('refuses ranges past the end, except on an empty blob', () => {
    expect(rangeAnswer(100, 'bytes=100-')).toEqual({ status: 416 })
    expect(rangeAnswer(0, 'bytes=0-')).toEqual({ status: 200 })
    expect(rangeAnswer(0, 'bytes=-5')).toEqual({ status: 200 })
  })
})

describe('noneMatchHits', () => {
  const etag = `"${'f'.repeat(64)}"`
  it('matches the tag in a list, weak or strong, and *', () => {
    expect(noneMatchHits(etag, etag)).toBe(true)
    expect(noneMatchHits(`"x", W/${etag}`, etag)).toBe(true)
    expect(noneMatchHits('*', etag)).toBe(true)
    expect(noneMatchHits('"x"', etag)).toBe(false)
    expect(noneMatchHits(undefined, etag)).toBe(false)
  })
})
