import { describe, expect, it } from 'vitest'
import { bodyImageHashes, sanitizeBody } from './sanitize.ts'

const HASH = 'a'.repeat(64)

describe('notice body sanitising', () => {
  it('keeps the rich text and blob images, drops scripts, handlers, styles and unsafe links', () => {
    const html = `<h2 style="color:red">标题</h2><p onclick="x()">正文<script>alert(1)</script>
<img src="https://evil.example/x.png" data-blob="${HASH}" alt="图"><a href="https://example.com">链接</a>
<a href="javascript:alert(1)">坏链接</a><iframe src="https://example.com"></iframe></p>`
    expect(sanitizeBody(html)).toBe(`<h2>标题</h2><p>正文
<img data-blob="${HASH}" alt="图" /><a href="https://example.com" rel="noopener noreferrer" target="_blank">链接</a>
<a rel="noopener noreferrer" target="_blank">坏链接</a></p>`)
  })

  it('finds the images a body shows', () => {
    expect(bodyImageHashes(`<p><img data-blob="${HASH}"></p>`)).toEqual([HASH])
  })
})
