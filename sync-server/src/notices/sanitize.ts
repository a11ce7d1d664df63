import sanitizeHtml from 'sanitize-html'

/** The tags of the rich-text editor that pages may show (notices on phones, the micro-site's articles). */
export const RICH_TEXT_TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'h1',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'hr',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]

/** Links leave the page for another site, never with its address. */
export const SAFE_LINK = sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' })

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: RICH_TEXT_TAGS,
  allowedAttributes: { a: ['href', 'rel', 'target'], img: ['data-blob', 'alt'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: SAFE_LINK },
}

/**
 * A notice body as phones may show it: the rich text's own tags only, links to http(s) and mail, images as
 * blob references (`<img data-blob>`, the page loads them from the notice's attachments route); no script,
 * style, event handler or `src`.
 */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS)
}

/** The SHA-256 of every image a body shows (`<img data-blob>`). */
export function bodyImageHashes(html: string): string[] {
  return [...html.matchAll(/data-blob="([0-9a-f]{64})"/g)].map((match) => match[1] ?? '')
}
