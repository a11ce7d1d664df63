import { describe, expect, it } from 'vitest'
import { decodeHtmlText, htmlToPlain, sanitizeStemHtml } from './html.ts'

const keepNoImage = () => null

describe('sanitizeStemHtml', () => {
  it('keeps the stem subset and writes b/i as strong/em', () => {
    const html =
      '<p>A <b>bold</b>, <i>slanted</i>, <u>u</u>, <s>s</s>, H<sub>2</sub>O, x<sup>2</sup><br>next</p>'
    expect(sanitizeStemHtml(html, keepNoImage)).toBe(
      '<p>A <strong>bold</strong>, <em>slanted</em>, <u>u</u>, <s>s</s>, H<sub>2</sub>O, x<sup>2</sup><br>next</p>',
    )
  })

  it('unwraps other tags to their text and drops scripts, styles, comments and attributes', () => {
    const html =
      '<p style="color:red" onclick="x()"><span class="a">one</span> <a href="http://x">two</a></p>' +
      '<script>alert(1)</script><style>p{}</style><!-- note --><table><tr><td>cell</td></tr></table>'
    expect(sanitizeStemHtml(html, keepNoImage)).toBe('<p>one two</p><p>cell</p>')
  })

  it('puts loose text in paragraphs and turns block containers into paragraphs', () => {
    expect(sanitizeStemHtml('What is <b>2+2</b>?', keepNoImage)).toBe('<p>What is <strong>2+2</strong>?</p>')
    expect(sanitizeStemHtml('<div>one</div><h3>two</h3>', keepNoImage)).toBe('<p>one</p><p>two</p>')
  })

  it('closes what is left open and ignores stray closing tags', () => {
    expect(sanitizeStemHtml('<p>a <strong>b</p></em><ul><li>x<li>y</ul>', keepNoImage)).toBe(
      '<p>a <strong>b</strong></p><ul><li>x</li><li>y</li></ul>',
    )
  })

  it('decodes entities and escapes text again, named ones included', () => {
    expect(sanitizeStemHtml('<p>1 &lt; 2 &amp;&amp; 3 &times; 4 &#169; &nbsp;"q"</p>', keepNoImage)).toBe(
      '<p>1 &lt; 2 &amp;&amp; 3 × 4 © "q"</p>',
    )
  })

  it('rewrites images through the callback or leaves them out', () => {
    const html = '<p><img src="a.png" alt="A" width="3"><img src="b.png"></p>'
    const rewritten = sanitizeStemHtml(html, (attributes) =>
      attributes.src === 'a.png' ? { 'data-file': 'a.png', alt: attributes.alt ?? '' } : null,
    )
    expect(rewritten).toBe('<p><img data-file="a.png" alt="A"></p>')
  })

  it('is idempotent', () => {
    const once = sanitizeStemHtml('x <em>y</em><ol><li>1</li></ol> tail &amp; more', keepNoImage)
    expect(sanitizeStemHtml(once, keepNoImage)).toBe(once)
  })
})

describe('htmlToPlain / decodeHtmlText', () => {
  it('keeps line breaks of paragraphs and <br>', () => {
    expect(htmlToPlain('<p>one</p><p></p><p>two<br>three &amp; four</p>')).toBe('one\n\ntwo\nthree & four')
  })

  it('decodes without tags', () => {
    expect(decodeHtmlText('<p>a&nbsp;<b>b</b> &deg;C</p>')).toBe('a b °C')
  })
})
