import { describe, expect, it } from 'vitest'
import { exportableStem, resolveImportedImages, stemWithoutImages } from './images.ts'
import { questionOf, sha256 } from './testing.ts'
import type { ParsedQuestion } from './types.ts'

const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3])
const gif = new Uint8Array([71, 73, 70, 56, 9])

function parsed(stem: string): ParsedQuestion {
  return {
    position: 'question 1',
    content: { type: 'short_answer', stem },
    files: [
      { name: 'a.png', mime: 'image/png', bytes: png },
      { name: 'copy.png', mime: 'image/png', bytes: png },
      { name: 'b.gif', mime: 'image/gif', bytes: gif },
    ],
  }
}

describe('resolveImportedImages', () => {
  it('points the stem at the SHA-256 of each file and lists each content once', async () => {
    const resolved = await resolveImportedImages(
      parsed(
        '<p><img data-file="a.png" alt="A"> <img data-file="copy.png" alt=""> <img data-file="b.gif" alt="B"></p>',
      ),
      sha256,
    )
    const pngSha = await sha256(png)
    const gifSha = await sha256(gif)
    expect(pngSha).toBe('cdf3cefe7ec6253d1cb4828ab654da6beb8a4727daac0c49dbf26bedf5887f79')
    expect(resolved.stem).toBe(
      `<p><img data-blob="${pngSha}" alt="A"> <img data-blob="${pngSha}" alt=""> <img data-blob="${gifSha}" alt="B"></p>`,
    )
    expect(resolved.images).toEqual([
      { sha256: pngSha, name: 'a.png', size: png.length, mime: 'image/png' },
      { sha256: gifSha, name: 'b.gif', size: gif.length, mime: 'image/gif' },
    ])
    expect(resolved.files.map((file) => file.bytes)).toEqual([png, gif])
  })

  it('leaves out an image whose file is missing', async () => {
    const resolved = await resolveImportedImages(parsed('<p>x<img data-file="nope.png" alt=""></p>'), sha256)
    expect(resolved).toEqual({ stem: '<p>x</p>', images: [], files: [] })
  })
})

describe('exportableStem', () => {
  it('names the images as files and embeds them; one without bytes is left out and reported', async () => {
    const a = 'a'.repeat(64)
    const b = 'b'.repeat(64)
    const c = 'c'.repeat(64)
    const question = questionOf(
      {
        type: 'short_answer',
        stem: `<p><img data-blob="${a}" alt="1"><img data-blob="${b}" alt="2"><img data-blob="${c}" alt="3"></p>`,
      },
      {
        images: [
          { sha256: a, name: 'my pic.png', size: 1, mime: 'image/png' },
          { sha256: b, name: 'my pic.png', size: 1, mime: 'image/png' },
          { sha256: c, name: 'gone.png', size: 1, mime: 'image/png' },
        ],
      },
    )
    const skipped: { questionId: string; code: string; message: string }[] = []
    const bytes = new Map([
      [a, png],
      [b, gif],
    ])
    const result = await exportableStem(question, async (sha) => bytes.get(sha) ?? null, skipped)
    expect(result.html).toBe(
      '<p><img src="@@PLUGINFILE@@/my%20pic.png" alt="1"><img src="@@PLUGINFILE@@/my%20pic-2.png" alt="2"></p>',
    )
    expect(result.files.map((file) => file.name)).toEqual(['my pic.png', 'my pic-2.png'])
    expect(atob(result.files[0]?.base64 ?? '')).toBe(String.fromCharCode(...png))
    expect(skipped).toEqual([expect.objectContaining({ questionId: question.id, code: 'imageUnavailable' })])
  })
})

describe('stemWithoutImages', () => {
  it('drops the images and reports it once', () => {
    const question = questionOf({
      type: 'short_answer',
      stem: `<p>x<img data-blob="${'a'.repeat(64)}" alt=""></p>`,
    })
    const skipped: { questionId: string; code: string; message: string }[] = []
    expect(stemWithoutImages(question, skipped)).toBe('<p>x</p>')
    expect(skipped.map((s) => s.code)).toEqual(['imageDropped'])
  })
})
