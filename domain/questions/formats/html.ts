/**
 * A small, DOM-free sanitiser for stem HTML coming from question files: it keeps the stem subset of `stem.ts`
 * (p, br, strong, em, u, s, sub, sup, ul, ol, li, img), unwraps every other tag to its text and rewrites images
 * through a callback. It works on tags, not on a parsed document, so that it runs in Node tests and workers.
 */
import { escapeHtml, stemText } from '../stem.ts'

/** Tags kept, by the name they are written as (b → strong, i → em, block containers → p). */
const KEPT: Record<string, string> = {
  p: 'p',
  div: 'p',
  h1: 'p',
  h2: 'p',
  h3: 'p',
  h4: 'p',
  h5: 'p',
  h6: 'p',
  blockquote: 'p',
  pre: 'p',
  br: 'br',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  u: 'u',
  s: 's',
  strike: 's',
  del: 's',
  sub: 'sub',
  sup: 'sup',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  img: 'img',
}
const VOID = new Set(['br', 'img'])
const BLOCK = new Set(['p', 'ul', 'ol', 'li'])
/** Elements whose content is not text a reader should see. */
const HIDDEN_CONTENT = /<(script|style|head|title|template|object|iframe)\b[\s\S]*?<\/\1\s*>/gi
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|[^<]+|</g
const ATTRIBUTE = /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g

/** Named HTML entities beyond the XML ones that `stemText` decodes, common in exported question text. */
const NAMED_ENTITIES: Record<string, string> = {
  times: '×',
  divide: '÷',
  minus: '−',
  plusmn: '±',
  deg: '°',
  middot: '·',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
  yen: '¥',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup2: '²',
  sup3: '³',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  radic: '√',
  pi: 'π',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  sigma: 'σ',
  omega: 'ω',
  Delta: 'Δ',
  Sigma: 'Σ',
  Omega: 'Ω',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
}

/** HTML as plain text: tags dropped, entities (named ones too) decoded, spaces collapsed. */
export function decodeHtmlText(html: string): string {
  return stemText(html.replace(/&([a-zA-Z]\w*);/g, (entity, name: string) => NAMED_ENTITIES[name] ?? entity))
}

export type Attributes = Record<string, string>

/** What becomes of an image: the attributes to write (in order), or null to leave it out. */
export type ImageRewrite = (attributes: Attributes) => Attributes | null

interface Element {
  tag: string
  attributes: Attributes
  children: Node[]
}
type Node = Element | string

function parseAttributes(source: string): Attributes {
  const attributes: Attributes = {}
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase()
    attributes[name] = decodeText(match[2] ?? match[3] ?? match[4] ?? '')
  }
  return attributes
}

/** Entities decoded and spaces collapsed, a leading or trailing space kept (it separates inline elements). */
function decodeText(text: string): string {
  const inner = decodeHtmlText(text)
  if (!inner) return /\s/.test(text) ? ' ' : ''
  return `${/^\s/.test(text) ? ' ' : ''}${inner}${/\s$/.test(text) ? ' ' : ''}`
}

/** Builds the tree of kept elements; an unknown closing tag is ignored, unclosed ones close at the end. */
function buildTree(html: string, rewriteImage: ImageRewrite): Element {
  const root: Element = { tag: '', attributes: {}, children: [] }
  const stack: Element[] = [root]
  const top = () => stack[stack.length - 1] ?? root
  const closeTo = (tag: string) => {
    const index = stack.findLastIndex((element) => element.tag === tag)
    if (index > 0) stack.length = index
  }
  for (const match of html.replace(HIDDEN_CONTENT, '').matchAll(TOKEN)) {
    const [token, closing, name] = match
    if (token.startsWith('<!--')) continue
    if (name === undefined) {
      top().children.push(decodeText(token))
      continue
    }
    const tag = KEPT[name.toLowerCase()]
    if (!tag) continue
    if (closing) {
      closeTo(tag)
      continue
    }
    if (BLOCK.has(tag)) closeTo('p')
    if (tag === 'li' && top().tag === 'li') stack.pop()
    if (tag === 'img') {
      const attributes = rewriteImage(parseAttributes(match[3] ?? ''))
      if (attributes) top().children.push({ tag, attributes, children: [] })
      continue
    }
    const element: Element = { tag, attributes: {}, children: [] }
    top().children.push(element)
    if (!VOID.has(tag)) stack.push(element)
  }
  return root
}

function serialize(node: Node): string {
  if (typeof node === 'string') return escapeText(node)
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('')
  if (VOID.has(node.tag)) return `<${node.tag}${attributes}>`
  const inner = node.children.map(serialize).join('')
  if (!inner.trim() && node.tag !== 'p') return inner
  return `<${node.tag}${attributes}>${inner}</${node.tag}>`
}

/** Text as browsers serialise it (quotes stay as they are, like the editor writes them). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const isBlock = (node: Node) => typeof node !== 'string' && BLOCK.has(node.tag)

/** Top-level text and inline elements go into paragraphs, so that the stem is a list of blocks. */
function blocksOf(root: Element): string {
  const parts: string[] = []
  let inline: Node[] = []
  const flush = () => {
    const html = inline.map(serialize).join('').trim()
    if (html) parts.push(`<p>${html}</p>`)
    inline = []
  }
  for (const node of root.children) {
    if (isBlock(node)) {
      flush()
      parts.push(serialize(node))
    } else inline.push(node)
  }
  flush()
  return parts.join('')
}

/** Sanitised stem HTML: the kept subset in paragraphs; images as `rewriteImage` says. */
export function sanitizeStemHtml(html: string, rewriteImage: ImageRewrite): string {
  return blocksOf(buildTree(html, rewriteImage))
}

/** HTML as plain text with its line breaks (paragraphs, list items, `<br>`): for options, feedback, answers. */
export function htmlToPlain(html: string): string {
  return html
    .split(/<br\b[^>]*>|<\/(?:p|div|li|h\d|tr|blockquote|pre)\s*>/i)
    .map((line) => decodeHtmlText(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** The `<img>` tags of stem HTML with their attributes. */
export function imageTags(html: string): { tag: string; attributes: Attributes }[] {
  return [...html.matchAll(/<img\b((?:"[^"]*"|'[^']*'|[^'">])*)>/gi)].map((match) => ({
    tag: match[0],
    attributes: parseAttributes(match[1] ?? ''),
  }))
}

/** An `<img>` tag with these attributes, in order. */
export function imageTag(attributes: Attributes): string {
  return serialize({ tag: 'img', attributes, children: [] })
}
