import { describe, expect, it } from 'vitest'
import { chapter } from '../../../../domain/courses/testing.ts'
import { attachmentKind, shownType } from './attachment-kind.ts'
import { readingLines, readingPlace } from './reading.ts'

const chapters = [
  chapter('2', { order: 2 }),
  chapter('1', { order: 1 }),
  chapter('1.1', { parentId: '1', order: 1 }),
  chapter('1.2', { parentId: '1', order: 2 }),
  chapter('lost', { parentId: 'gone' }),
]

describe('reading a course', () => {
  it('lists chapters parents first, with depth; only chapters without sub-chapters are read', () => {
    expect(readingLines(chapters).map((l) => [l.chapter.id, l.depth, l.readable])).toEqual([
      ['1', 0, false],
      ['1.1', 1, true],
      ['1.2', 1, true],
      ['2', 0, true],
      ['lost', 0, true],
    ])
  })

  it('goes to the first readable chapter and knows the previous and the next', () => {
    const lines = readingLines(chapters)
    const place = (id: string | null) => {
      const { current, previous, next } = readingPlace(lines, id)
      return [current?.id, previous?.id, next?.id]
    }
    expect(place(null)).toEqual(['1.1', undefined, '1.2'])
    expect(place('1')).toEqual(['1.1', undefined, '1.2'])
    expect(place('2')).toEqual(['2', '1.2', 'lost'])
    expect(place('lost')).toEqual(['lost', '2', undefined])
    expect(place('unknown')).toEqual(['1.1', undefined, '1.2'])
    expect(readingPlace([], null)).toEqual({ current: null, previous: null, next: null })
  })

  it('shows PDFs, images, videos and audio inline and downloads the rest', () => {
    const kind = (mime: string, name = 'file') => attachmentKind({ mime, name })
    expect(kind('application/pdf')).toBe('pdf')
    expect(kind('image/png')).toBe('image')
    expect(kind('video/mp4')).toBe('video')
    expect(kind('audio/mpeg')).toBe('audio')
    // A PDF only by its type: the frame that shows it gets nothing else.
    expect(kind('application/octet-stream', '讲义.PDF')).toBe('download')
    expect(kind('', 'clip.MP4')).toBe('video')
    expect(shownType('pdf', 'text/html')).toBe('application/pdf')
    expect(shownType('download', 'text/html')).toBe('application/octet-stream')
    expect(shownType('video', 'video/mp4')).toBe('video/mp4')
    expect(kind('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'a.pptx')).toBe(
      'download',
    )
    expect(kind('', 'noextension')).toBe('download')
  })
})
