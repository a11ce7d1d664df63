import { COMMENT_BODY_MAX, COMMENT_NAME_MAX, type Comment } from '../../../../domain/site/comment.ts'
import type { ArticleType } from '../../../../domain/site/article-type.ts'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { sanitizeArticleBody } from '../../site/sanitize.ts'
import type { PublicArticle, SiteSnapshot } from '../../site/snapshot.ts'
import { articlesOfType } from '../../site/snapshot.ts'
import { LANG_NAMES, SITE_LANGS, SITE_STRINGS, type SiteLang, type SiteStrings } from './strings.ts'

/** Where a page is rendered for: its language, and the site's root as a path and as an absolute URL. */
export interface PageContext {
  lang: SiteLang
  /** `/site/<code>` */
  root: string
  /** The absolute URL of `root` (Open Graph, the feed). */
  absoluteRoot: string
}

/** Articles per type page; the home shows the newest few of each type. */
export const TYPE_PAGE_SIZE = 20
export const HOME_ARTICLES_PER_TYPE = 5
/** Entries of the Atom feed. */
export const FEED_SIZE = 50
/** The schools are in China and Macau (UTC+8): dates are shown as the readers there see them. */
export const SITE_TIME_ZONE = 'Asia/Shanghai'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

const dateFormats = new Map<SiteLang, Intl.DateTimeFormat>()

function formatDate(ms: number, lang: SiteLang): string {
  let format = dateFormats.get(lang)
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      timeZone: SITE_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dateFormats.set(lang, format)
  }
  return format.format(ms)
}

const mediaPath = (ctx: PageContext, blob: BlobRef | string) =>
  `${ctx.root}/media/${typeof blob === 'string' ? blob : blob.sha256}`
const articlePath = (ctx: PageContext, id: string) => `${ctx.root}/articles/${encodeURIComponent(id)}`
const typePath = (ctx: PageContext, id: string) => `${ctx.root}/types/${encodeURIComponent(id)}`
const withLang = (path: string, lang: SiteLang) => `${path}?lang=${lang}`

interface Meta {
  title: string
  description?: string
  image?: string
  url: string
  type: 'website' | 'article'
}

/** The school's logo when it has one, else its name's first character in a disc. */
function brandMark(snapshot: SiteSnapshot, ctx: PageContext): string {
  const school = escapeHtml(snapshot.school.name)
  return snapshot.logo
    ? `<img class="logo-image" data-test="site-logo" src="${mediaPath(ctx, snapshot.logo)}" alt="${school}" height="36">`
    : `<span class="logo" aria-hidden="true">${escapeHtml([...snapshot.school.name][0] ?? '')}</span>`
}

/** `here(lang)`: this page in another language (the language switch). */
function layout(
  snapshot: SiteSnapshot,
  ctx: PageContext,
  meta: Meta,
  here: (lang: SiteLang) => string,
  main: string,
): string {
  const t = SITE_STRINGS[ctx.lang]
  const school = escapeHtml(snapshot.school.name)
  const og = [
    ['og:site_name', snapshot.school.name],
    ['og:title', meta.title],
    ['og:type', meta.type],
    ['og:url', meta.url],
    ...(meta.description ? [['og:description', meta.description]] : []),
    ...(meta.image ? [['og:image', meta.image]] : []),
  ]
    .map(([property, content]) => `<meta property="${property}" content="${escapeHtml(content ?? '')}">`)
    .join('\n')
  const langs = SITE_LANGS.map((lang) =>
    lang === ctx.lang
      ? `<strong>${LANG_NAMES[lang]}</strong>`
      : `<a href="${escapeHtml(here(lang))}" hreflang="${lang}">${LANG_NAMES[lang]}</a>`,
  ).join(' ')
  const title = meta.title === snapshot.school.name ? school : `${escapeHtml(meta.title)} · ${school}`
  return `<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${meta.description ? `<meta name="description" content="${escapeHtml(meta.description)}">` : ''}
${og}
<link rel="stylesheet" href="${ctx.root}/site.css">
<link rel="alternate" type="application/atom+xml" title="${school}" href="${ctx.root}/feed.xml">
</head>
<body>
<header class="top"><a class="brand" href="${withLang(`${ctx.root}/`, ctx.lang)}">${brandMark(snapshot, ctx)}<span>${school}</span></a></header>
<main>
${main}
</main>
<footer><nav aria-label="${t.languages}">${langs}</nav><p><a href="${ctx.root}/feed.xml">${t.feed}</a> · ${school} ${t.poweredBy}</p></footer>
</body>
</html>
`
}

function cover(entry: PublicArticle, ctx: PageContext): string {
  const image = entry.article.cover
  return image
    ? `<img class="thumb" src="${mediaPath(ctx, image)}" alt="" loading="lazy" width="96" height="72">`
    : ''
}

function card(entry: PublicArticle, ctx: PageContext): string {
  const { article } = entry
  return `<li class="card" data-test="site-article-card" data-id="${escapeHtml(article.id)}"><a href="${withLang(articlePath(ctx, article.id), ctx.lang)}">${cover(entry, ctx)}<span class="text"><span class="title">${escapeHtml(article.title)}</span>${
    article.summary ? `<span class="summary">${escapeHtml(article.summary)}</span>` : ''
  }<span class="meta"><time datetime="${new Date(entry.publishedAt).toISOString()}">${formatDate(entry.publishedAt, ctx.lang)}</time>${
    entry.typeName ? ` · ${escapeHtml(entry.typeName)}` : ''
  }</span></span></a></li>`
}

function cards(entries: readonly PublicArticle[], ctx: PageContext, t: SiteStrings): string {
  return entries.length === 0
    ? `<p class="empty">${t.noArticles}</p>`
    : `<ul class="cards">${entries.map((entry) => card(entry, ctx)).join('')}</ul>`
}

function banners(snapshot: SiteSnapshot, ctx: PageContext, t: SiteStrings): string {
  if (snapshot.banners.length === 0) return ''
  const items = snapshot.banners.map((banner) => {
    const image = `<img src="${mediaPath(ctx, banner.image)}" alt="${escapeHtml(banner.name)}"><span class="caption">${escapeHtml(banner.name)}</span>`
    return `<li>${banner.link ? `<a href="${escapeHtml(banner.link)}" rel="noopener noreferrer">${image}</a>` : image}</li>`
  })
  return `<section class="banners" data-test="site-banners" aria-label="${t.banners}"><ul>${items.join('')}</ul></section>`
}

/** `GET /site/:code/`: listed banners, the hot articles, the newest articles of each enabled type. */
export function homePage(snapshot: SiteSnapshot, ctx: PageContext): string {
  const t = SITE_STRINGS[ctx.lang]
  const hot =
    snapshot.hot.length > 0
      ? `<section data-test="site-hot"><h2>${t.hot}</h2>${cards(snapshot.hot, ctx, t)}</section>`
      : ''
  const byType = snapshot.types
    .map((type) => {
      const entries = articlesOfType(snapshot, type.id)
      const more =
        entries.length > HOME_ARTICLES_PER_TYPE
          ? `<a class="more" href="${withLang(typePath(ctx, type.id), ctx.lang)}">${t.more} ›</a>`
          : ''
      return `<section><h2><a href="${withLang(typePath(ctx, type.id), ctx.lang)}">${escapeHtml(type.name)}</a></h2>${cards(entries.slice(0, HOME_ARTICLES_PER_TYPE), ctx, t)}${more}</section>`
    })
    .join('\n')
  const main = `<h1 class="visually-hidden">${escapeHtml(snapshot.school.name)}</h1>
${banners(snapshot, ctx, t)}
${hot}
${byType || `<p class="empty">${t.noArticles}</p>`}`
  const image = snapshot.banners[0]?.image ?? snapshot.logo
  return layout(
    snapshot,
    ctx,
    {
      title: snapshot.school.name,
      url: `${ctx.absoluteRoot}/`,
      type: 'website',
      image: image ? `${ctx.absoluteRoot}/media/${image.sha256}` : undefined,
    },
    (lang) => withLang(`${ctx.root}/`, lang),
    main,
  )
}

/** How many pages of `TYPE_PAGE_SIZE` the articles of `type` fill (at least one). */
export function typePageCount(snapshot: SiteSnapshot, type: ArticleType): number {
  return Math.max(1, Math.ceil(articlesOfType(snapshot, type.id).length / TYPE_PAGE_SIZE))
}

/** `GET /site/:code/types/:typeId?page=`: one page (1-based) of a type's articles, newest first. */
export function typePage(snapshot: SiteSnapshot, ctx: PageContext, type: ArticleType, page: number): string {
  const t = SITE_STRINGS[ctx.lang]
  const pages = typePageCount(snapshot, type)
  const entries = articlesOfType(snapshot, type.id).slice((page - 1) * TYPE_PAGE_SIZE, page * TYPE_PAGE_SIZE)
  const path = typePath(ctx, type.id)
  const link = (to: number, label: string, rel: string) =>
    `<a rel="${rel}" href="${escapeHtml(`${path}?page=${to}&lang=${ctx.lang}`)}">${label}</a>`
  const nav =
    pages > 1
      ? `<nav class="pager">${page > 1 ? link(page - 1, `‹ ${t.previous}`, 'prev') : '<span></span>'}<span>${t.page(page, pages)}</span>${
          page < pages ? link(page + 1, `${t.next} ›`, 'next') : '<span></span>'
        }</nav>`
      : ''
  return layout(
    snapshot,
    ctx,
    { title: type.name, url: `${ctx.absoluteRoot}/types/${encodeURIComponent(type.id)}`, type: 'website' },
    (lang) => (page > 1 ? `${path}?page=${page}&lang=${lang}` : withLang(path, lang)),
    `<p class="crumbs"><a href="${withLang(`${ctx.root}/`, ctx.lang)}">${t.home}</a> ›</p><h1>${escapeHtml(type.name)}</h1>${cards(entries, ctx, t)}${nav}`,
  )
}

/** What the comment form shows again after a refused post, so nothing typed is lost. */
export interface CommentFormState {
  name: string
  body: string
  error: string
}

export interface ArticlePageOptions {
  /** The reader just posted a comment: it waits for approval. */
  pending?: boolean
  form?: CommentFormState
}

function commentList(comments: readonly Comment[], ctx: PageContext, t: SiteStrings): string {
  if (comments.length === 0) return `<p class="empty">${t.noComments}</p>`
  return `<ol class="comments" data-test="site-comments">${comments
    .map(
      (comment) =>
        `<li data-test="site-comment"><p class="who">${escapeHtml(comment.name)} · <time datetime="${new Date(comment.createdAt).toISOString()}">${formatDate(comment.createdAt, ctx.lang)}</time></p><p class="said">${escapeHtml(comment.body)}</p></li>`,
    )
    .join('')}</ol>`
}

function commentForm(entry: PublicArticle, ctx: PageContext, t: SiteStrings, options: ArticlePageOptions) {
  if (!entry.article.allowComments) return `<p class="closed">${t.commentsClosed}</p>`
  const form = options.form
  const status = options.pending
    ? `<p class="notice" role="status" data-test="site-comment-pending">${t.commentPending}</p>`
    : form
      ? `<p class="error" role="alert" data-test="site-comment-error">${escapeHtml(form.error)}</p>`
      : ''
  return `${status}<form class="comment-form" data-test="site-comment-form" method="post" action="${articlePath(ctx, entry.article.id)}/comments">
<h3>${t.commentForm}</h3>
<input type="hidden" name="lang" value="${ctx.lang}">
<label>${t.name}<input name="name" data-test="site-comment-name" required maxlength="${COMMENT_NAME_MAX}" autocomplete="nickname" value="${escapeHtml(form?.name ?? '')}"></label>
<label>${t.body} <small>${t.bodyLimit(COMMENT_BODY_MAX)}</small><textarea name="body" data-test="site-comment-body" required maxlength="${COMMENT_BODY_MAX}" rows="4">${escapeHtml(form?.body ?? '')}</textarea></label>
<label class="hp" aria-hidden="true">Website<input name="website" tabindex="-1" autocomplete="off"></label>
<button type="submit" data-test="site-comment-submit">${t.send}</button>
</form>`
}

/** `GET /site/:code/articles/:id`: the article, its approved comments and, when it takes them, the form. */
export function articlePage(
  snapshot: SiteSnapshot,
  ctx: PageContext,
  entry: PublicArticle,
  options: ArticlePageOptions = {},
): string {
  const t = SITE_STRINGS[ctx.lang]
  const { article } = entry
  const type = snapshot.typeById.get(article.typeId)
  const crumbs = `<p class="crumbs"><a href="${withLang(`${ctx.root}/`, ctx.lang)}">${t.home}</a> ›${
    type?.enabled
      ? ` <a href="${withLang(typePath(ctx, type.id), ctx.lang)}">${escapeHtml(type.name)}</a> ›`
      : ''
  }</p>`
  const meta = [
    `<time datetime="${new Date(entry.publishedAt).toISOString()}">${t.published(formatDate(entry.publishedAt, ctx.lang))}</time>`,
    ...(entry.authorName ? [escapeHtml(t.by(entry.authorName))] : []),
  ].join(' · ')
  const body = sanitizeArticleBody(article.body, (sha256) => mediaPath(ctx, sha256))
  const comments = snapshot.comments.get(article.id) ?? []
  const main = `${crumbs}<article data-test="site-article" data-id="${escapeHtml(article.id)}">
<h1>${escapeHtml(article.title)}</h1>
<p class="meta">${meta}</p>
${article.cover ? `<img class="cover" src="${mediaPath(ctx, article.cover)}" alt="">` : ''}
${article.summary ? `<p class="lead">${escapeHtml(article.summary)}</p>` : ''}
<div class="body">${body}</div>
</article>
<section id="comments" class="discussion"><h2>${t.comments}</h2>${commentList(comments, ctx, t)}${commentForm(entry, ctx, t, options)}</section>`
  const url = `${ctx.absoluteRoot}/articles/${encodeURIComponent(article.id)}`
  return layout(
    snapshot,
    ctx,
    {
      title: article.title,
      description: article.summary,
      image: article.cover ? `${ctx.absoluteRoot}/media/${article.cover.sha256}` : undefined,
      url,
      type: 'article',
    },
    (lang) => withLang(articlePath(ctx, article.id), lang),
    main,
  )
}

/** The 404 page of a school's site. */
export function notFoundPage(snapshot: SiteSnapshot, ctx: PageContext): string {
  const t = SITE_STRINGS[ctx.lang]
  return layout(
    snapshot,
    ctx,
    { title: t.notFound, url: `${ctx.absoluteRoot}/`, type: 'website' },
    (lang) => withLang(`${ctx.root}/`, lang),
    `<h1>${t.notFound}</h1><p>${t.notFoundText}</p><p><a href="${withLang(`${ctx.root}/`, ctx.lang)}">${t.backHome}</a></p>`,
  )
}

/** The 404 page of an unknown site (no school to name). */
export function unknownSitePage(lang: SiteLang): string {
  const t = SITE_STRINGS[lang]
  return `<!doctype html>
<html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.notFound}</title></head>
<body><h1>${t.notFound}</h1><p>${t.notFoundText}</p></body></html>
`
}

const xml = escapeHtml

/** `GET /site/:code/feed.xml`: an Atom feed (RFC 4287) of the newest public articles, bodies sanitised. */
export function atomFeed(snapshot: SiteSnapshot, ctx: PageContext): string {
  const entries = snapshot.articles.slice(0, FEED_SIZE)
  const updated = new Date(entries[0]?.publishedAt ?? 0).toISOString()
  const feedId = `${ctx.absoluteRoot}/`
  const items = entries.map((entry) => {
    const { article } = entry
    const url = `${ctx.absoluteRoot}/articles/${encodeURIComponent(article.id)}`
    const body = sanitizeArticleBody(article.body, (sha256) => `${ctx.absoluteRoot}/media/${sha256}`)
    const when = new Date(entry.publishedAt).toISOString()
    return `<entry>
<id>${xml(url)}</id>
<title>${xml(article.title)}</title>
<link rel="alternate" type="text/html" href="${xml(url)}"/>
<published>${when}</published>
<updated>${when}</updated>
<author><name>${xml(entry.authorName ?? snapshot.school.name)}</name></author>
${entry.typeName ? `<category term="${xml(entry.typeName)}"/>` : ''}
${article.summary ? `<summary>${xml(article.summary)}</summary>` : ''}
<content type="html">${xml(body)}</content>
</entry>`
  })
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${xml(feedId)}</id>
<title>${xml(snapshot.school.name)}</title>
<updated>${updated}</updated>
<link rel="self" type="application/atom+xml" href="${xml(`${ctx.absoluteRoot}/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${xml(feedId)}"/>
${items.join('\n')}
</feed>
`
}
