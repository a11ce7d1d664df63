import sanitizeHtml from 'sanitize-html'
import { isSha256 } from '../../../domain/blobs/blob-ref.ts'
import { RICH_TEXT_TAGS, SAFE_LINK } from '../notices/sanitize.ts'

/**
 * An article body as the public pages show it, by an allow-list (never a regular expression): the editor's tags,
 * links to http(s) and mail only, and `<img data-blob="sha256">` turned into an `<img src>` at `mediaUrl(sha256)`
 * (the site's media route). No script, style, event handler, frame, SVG, form, or image of another address: an
 * `<img>` without a valid `data-blob` is dropped.
 */
export function sanitizeArticleBody(html: string, mediaUrl: (sha256: string) => string): string {
  return sanitizeHtml(html, {
    allowedTags: RICH_TEXT_TAGS,
    allowedAttributes: { a: ['href', 'rel', 'target'], img: ['src', 'alt', 'loading'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: SAFE_LINK,
      img: (_tagName, attribs): sanitizeHtml.Tag => {
        const hash = attribs['data-blob'] ?? ''
        const kept: sanitizeHtml.Attributes = isSha256(hash)
          ? { src: mediaUrl(hash), alt: attribs.alt ?? '', loading: 'lazy' }
          : {}
        return { tagName: 'img', attribs: kept }
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  })
}
