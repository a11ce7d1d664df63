import { combineRanges, parse } from 'range-parser'
import type { ByteRange } from '../../../blobs/blob-files.ts'

/** What to answer a `Range` header with: all bytes (200), one range (206) or nothing satisfiable (416). */
export type RangeAnswer = { status: 200 } | { status: 206; range: ByteRange } | { status: 416 }

/**
 * Only a single satisfiable byte range is served as such; a malformed header, another unit or several ranges get
 * the whole representation, as RFC 9110 §14.2 allows a server to ignore `Range`.
 */
export function rangeAnswer(size: number, header: string | undefined): RangeAnswer {
  if (header === undefined) return { status: 200 }
  const parsed = parse(size, header)
  if (parsed.type !== 'bytes' || (parsed.code & 1) !== 0) return { status: 200 }
  const ranges = combineRanges(parsed.ranges)
  if (ranges.length === 0) return size === 0 ? { status: 200 } : { status: 416 }
  const [range] = ranges
  return ranges.length === 1 && range
    ? { status: 206, range: { start: range.start, end: range.end } }
    : { status: 200 }
}

/** Whether an `If-None-Match` header lists `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}
