import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify'
import { isSha256 } from '../../../../domain/blobs/blob-ref.ts'

/**
 * What a stored stem may keep: text formatting, lists, and images that name a blob. No `src`, links, styles,
 * classes or event handlers: the picture's URL is this PC's object URL, set after sanitising.
 */
export const STEM_SANITIZE_CONFIG = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'span',
    'img',
  ],
  ALLOWED_ATTR: ['data-blob', 'alt'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
} satisfies Config

/** A stem's text split at its `{{n}}` blank placeholders: text pieces and blank numbers, in order. */
export type StemPiece = string | { blank: number }

export function splitBlanks(text: string): StemPiece[] {
  return text
    .split(/\{\{(\d+)\}\}/)
    .flatMap<StemPiece>((piece, index) =>
      index % 2 === 1 ? [{ blank: Number(piece) }] : piece ? [piece] : [],
    )
}

/** How an image shows: its object URL, `null` when neither this PC nor the server has it, absent while loading. */
export type StemImages = ReadonlyMap<string, string | null>

export interface StemLabels {
  imageLoading: string
  imageMissing: string
}

function placeholder(document: Document, text: string, state: 'loading' | 'missing'): HTMLElement {
  const span = document.createElement('span')
  span.className = `stem-image-placeholder ${state}`
  span.textContent = text
  return span
}

function resolveImages(root: HTMLElement, images: StemImages, labels: StemLabels): void {
  for (const img of [...root.querySelectorAll('img')]) {
    const hash = (img.getAttribute('data-blob') ?? '').toLowerCase()
    const url = isSha256(hash) ? images.get(hash) : null
    if (url) {
      img.setAttribute('src', url)
      img.className = 'stem-image'
      continue
    }
    const state = url === undefined ? 'loading' : 'missing'
    const alt = img.getAttribute('alt')
    const label = state === 'loading' ? labels.imageLoading : labels.imageMissing
    img.replaceWith(placeholder(root.ownerDocument, alt ? `${alt} (${label})` : label, state))
  }
}

/** Turns each `{{n}}` in the text into a visible blank box "(n)" (`span.stem-blank`). */
function markBlanks(root: HTMLElement): void {
  const document = root.ownerDocument
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const texts: Text[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text)
  for (const text of texts) {
    const pieces = splitBlanks(text.data)
    if (pieces.every((piece) => typeof piece === 'string')) continue
    text.replaceWith(
      ...pieces.map((piece) => {
        if (typeof piece === 'string') return piece
        const blank = document.createElement('span')
        blank.className = 'stem-blank'
        blank.setAttribute('data-blank', String(piece.blank))
        blank.textContent = `(${piece.blank})`
        return blank
      }),
    )
  }
}

/**
 * A stem's stored HTML made safe to show (`STEM_SANITIZE_CONFIG`), its blob images pointed at their object URLs
 * (placeholders while loading or when missing) and its blanks drawn as boxes. Needs a DOM (the browser).
 */
export function renderStemHtml(
  html: string,
  images: StemImages,
  labels: StemLabels,
  purify: Purifier = DOMPurify,
): string {
  // With RETURN_DOM, DOMPurify hands back the `<body>` holding the clean content.
  const root = purify.sanitize(html, { ...STEM_SANITIZE_CONFIG, RETURN_DOM: true }) as HTMLElement
  resolveImages(root, images, labels)
  markBlanks(root)
  return root.innerHTML
}
