import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { STATUS_CODES } from 'node:http'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { SHA256_PATTERN } from '../../../../domain/blobs/blob-ref.ts'
import { FailureLimiter, type FailureCounter, type FailureLimit } from '../../auth/failure-limiter.ts'
import { RedisFailureLimiter } from '../../auth/redis-failure-limiter.ts'
import { BlobFiles } from '../../blobs/blob-files.ts'
import { HttpError } from '../../errors.ts'
import { langOf } from '../../pages/m/strings.ts'
import {
  articlePage,
  atomFeed,
  homePage,
  notFoundPage,
  typePage,
  typePageCount,
  unknownSitePage,
  type CommentFormState,
  type PageContext,
} from '../../pages/site/render.ts'
import { SITE_LANGS, SITE_STRINGS, type SiteLang } from '../../pages/site/strings.ts'
import { sendSecurityHeaders } from '../../plugins/security-headers.ts'
import type { RenderedPage, SiteView } from '../../site/service.ts'
import type { School } from '../../store/index.ts'
import { noneMatchHits } from '../api/blobs/conditional.ts'
import { MOBILE_CSP } from '../m/index.ts'
import { publicOrigin } from '../public-origin.ts'
import { decimalInteger } from '../schemas.ts'
import type { SharedRedis } from '../../shared-redis.ts'

export interface SiteRoutesOptions {
  /** Where the public reaches this server (Open Graph and feed URLs); default the request's own origin. */
  publicUrl?: string
  /** Without it no media is served. */
  blobDir?: string
  /** Comments one address may post per window. */
  commentLimit: FailureLimit
  /** Several instances: comments per address are counted in this Redis. */
  redis?: SharedRedis
}

const STYLESHEET = readFileSync(new URL('../../pages/site/site.css', import.meta.url))
const STYLESHEET_ETAG = `"${createHash('sha256').update(STYLESHEET).digest('base64url').slice(0, 27)}"`

/** Pages change with every publication: a browser asks again each time and mostly gets a 304. */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate'
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable'

/** Images a browser may show inline; any other file is sent as a download. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'])

// Rendered pages kept per snapshot; past this many (e.g. requests with many Host names) the cache starts over.
const MAX_CACHED_PAGES = 2000

const codeParams = {
  type: 'object',
  properties: { code: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['code'],
} as const
const langQuery = { lang: { enum: [...SITE_LANGS] } } as const
const idParams = (name: string, pattern?: string) =>
  ({
    type: 'object',
    properties: {
      ...codeParams.properties,
      [name]: { type: 'string', minLength: 1, maxLength: 64, ...(pattern ? { pattern } : {}) },
    },
    required: ['code', name],
  }) as const

interface CodeParams {
  code: string
}
interface LangQuery {
  lang?: SiteLang
}
interface CommentBody {
  name: string
  body: string
  website?: string
  lang?: SiteLang
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
}

function isFormPost(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
}

/**
 * `/site/:code/…` (DESIGN §7.2): the school's public micro-site, server-rendered HTML for phones that needs no
 * script, its media, its Atom feed and the comment form. Pages carry an `ETag` (304 on a match) and are rebuilt
 * as soon as a commit changes what they show.
 */
const siteRoutes: FastifyPluginAsync<SiteRoutesOptions> = async (app, options) => {
  sendSecurityHeaders(app, MOBILE_CSP)
  const files = options.blobDir ? new BlobFiles(options.blobDir) : null
  const commentLimiter: FailureCounter = options.redis
    ? new RedisFailureLimiter(options.redis, 'site-comments', options.commentLimit)
    : new FailureLimiter(options.commentLimit, () => app.site.now)

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  )

  const langFor = (request: FastifyRequest<{ Querystring: LangQuery }>): SiteLang =>
    request.query.lang ?? langOf(request.headers['accept-language'])

  const contextFor = (request: FastifyRequest, school: School, lang: SiteLang): PageContext => {
    const root = `/site/${encodeURIComponent(school.code)}`
    return { lang, root, absoluteRoot: `${publicOrigin(request, options.publicUrl)}${root}` }
  }

  /** The school of `:code` and its public view, or a 404 page already sent. */
  async function siteOf(
    request: FastifyRequest<{ Params: CodeParams; Querystring: LangQuery }>,
    reply: FastifyReply,
  ): Promise<{ school: School; view: SiteView; ctx: PageContext } | null> {
    const school = await app.site.school(request.params.code)
    if (!school) {
      await reply
        .code(404)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(unknownSitePage(langFor(request)))
      return null
    }
    const view = await app.site.view(school)
    return { school, view, ctx: contextFor(request, school, langFor(request)) }
  }

  function rendered(view: SiteView, key: string, render: () => string): RenderedPage {
    const known = view.pages.get(key)
    if (known) return known
    const body = render()
    const page = { body, etag: etagOf(body) }
    if (view.pages.size >= MAX_CACHED_PAGES) view.pages.clear()
    view.pages.set(key, page)
    return page
  }

  function sendCached(request: FastifyRequest, reply: FastifyReply, page: RenderedPage, type: string) {
    reply
      .header('etag', page.etag)
      .header('cache-control', PAGE_CACHE_CONTROL)
      .header('vary', 'Accept-Language')
    if (noneMatchHits(request.headers['if-none-match'], page.etag)) return reply.code(304).send()
    return reply.type(type).send(page.body)
  }

  function sendNotFound(reply: FastifyReply, view: SiteView, ctx: PageContext) {
    return reply
      .code(404)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(notFoundPage(view.snapshot, ctx))
  }

  const html = 'text/html; charset=utf-8'
  const pageKey = (ctx: PageContext, page: string) => `${ctx.absoluteRoot}|${ctx.lang}|${page}`

  app.get<{ Params: CodeParams }>('/:code', { schema: { params: codeParams } }, (request, reply) =>
    reply.redirect(`/site/${encodeURIComponent(request.params.code)}/`, 301),
  )

  app.get<{ Params: CodeParams; Querystring: LangQuery }>(
    '/:code/',
    { schema: { params: codeParams, querystring: { type: 'object', properties: langQuery } } },
    async (request, reply) => {
      const site = await siteOf(request, reply)
      if (!site) return reply
      const page = rendered(site.view, pageKey(site.ctx, 'home'), () =>
        homePage(site.view.snapshot, site.ctx),
      )
      return sendCached(request, reply, page, html)
    },
  )

  app.get<{ Params: CodeParams & { typeId: string }; Querystring: LangQuery & { page: number } }>(
    '/:code/types/:typeId',
    {
      schema: {
        params: idParams('typeId'),
        querystring: {
          type: 'object',
          properties: { ...langQuery, page: decimalInteger({ minimum: 1, maximum: 100_000, fallback: 1 }) },
        },
      },
    },
    async (request, reply) => {
      const site = await siteOf(request, reply)
      if (!site) return reply
      const { snapshot } = site.view
      const type = snapshot.typeById.get(request.params.typeId)
      const page = request.query.page
      if (!type?.enabled || page > typePageCount(snapshot, type))
        return sendNotFound(reply, site.view, site.ctx)
      const rendering = rendered(site.view, pageKey(site.ctx, `type:${type.id}:${page}`), () =>
        typePage(snapshot, site.ctx, type, page),
      )
      return sendCached(request, reply, rendering, html)
    },
  )

  app.get<{ Params: CodeParams & { id: string }; Querystring: LangQuery & { comment?: 'pending' } }>(
    '/:code/articles/:id',
    {
      schema: {
        params: idParams('id'),
        querystring: { type: 'object', properties: { ...langQuery, comment: { const: 'pending' } } },
      },
    },
    async (request, reply) => {
      const site = await siteOf(request, reply)
      if (!site) return reply
      const entry = site.view.snapshot.articleById.get(request.params.id)
      if (!entry) return sendNotFound(reply, site.view, site.ctx)
      if (request.method === 'GET') app.site.views.count(site.school.id, entry.article.id)
      if (request.query.comment === 'pending')
        return reply
          .header('cache-control', 'no-store')
          .type(html)
          .send(articlePage(site.view.snapshot, site.ctx, entry, { pending: true }))
      const page = rendered(site.view, pageKey(site.ctx, `article:${entry.article.id}`), () =>
        articlePage(site.view.snapshot, site.ctx, entry),
      )
      return sendCached(request, reply, page, html)
    },
  )

  app.post<{ Params: CodeParams & { id: string }; Querystring: LangQuery; Body: CommentBody }>(
    '/:code/articles/:id/comments',
    {
      bodyLimit: 16 * 1024,
      schema: {
        params: idParams('id'),
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 200 },
            body: { type: 'string', maxLength: 5000 },
            website: { type: 'string', maxLength: 2000 },
            lang: { enum: [...SITE_LANGS] },
          },
          required: ['name', 'body'],
        },
      },
    },
    async (request, reply) => {
      const lang = request.body.lang ?? langFor(request)
      const form = isFormPost(request)
      const school = await app.site.school(request.params.code)
      if (!school) return reply.code(404).type(html).send(unknownSitePage(lang))
      const ctx = contextFor(request, school, lang)
      const articleUrl = `${ctx.root}/articles/${encodeURIComponent(request.params.id)}`
      const pendingUrl = `${articleUrl}?lang=${lang}&comment=pending#comments`
      const refuse = async (status: number, message: string) => {
        if (!form) return reply.code(status).send({ error: STATUS_CODES[status] ?? 'Error', message })
        const view = await app.site.view(school)
        const entry = view.snapshot.articleById.get(request.params.id)
        if (!entry) return sendNotFound(reply, view, ctx)
        const state: CommentFormState = { name: request.body.name, body: request.body.body, error: message }
        return reply
          .code(status)
          .header('cache-control', 'no-store')
          .type(html)
          .send(articlePage(view.snapshot, ctx, entry, { form: state }))
      }
      const address = request.ip
      const waitMs = await commentLimiter.blockedForMs(address)
      if (waitMs > 0) {
        reply.header('retry-after', String(Math.ceil(waitMs / 1000)))
        return refuse(429, SITE_STRINGS[lang].tooMany)
      }
      await commentLimiter.recordFailure(address)
      // A bot filled the field people cannot see: answer as if it worked, keep nothing.
      if (request.body.website)
        return form ? reply.redirect(pendingUrl, 303) : reply.code(202).send({ status: 'pending' })
      try {
        const comment = await app.site.postComment(school, request.params.id, request.body)
        return form
          ? reply.redirect(pendingUrl, 303)
          : reply.code(202).send({ id: comment.id, status: comment.status })
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        if (error.statusCode === 404 && form) {
          const view = await app.site.view(school)
          return sendNotFound(reply, view, ctx)
        }
        return refuse(error.statusCode, error.message)
      }
    },
  )

  app.get<{ Params: CodeParams & { sha256: string }; Querystring: LangQuery }>(
    '/:code/media/:sha256',
    { schema: { params: idParams('sha256', SHA256_PATTERN) } },
    async (request, reply) => {
      const school = await app.site.school(request.params.code)
      const { sha256 } = request.params
      const view = school ? await app.site.view(school) : null
      const blob =
        school && files && view?.snapshot.mediaHashes.has(sha256)
          ? await app.store.findBlob(school.id, sha256)
          : null
      if (!school || !blob || !files || !(await files.exists(school.id, sha256)))
        return reply
          .code(404)
          .header('cache-control', 'no-store')
          .send({ error: 'Not Found', message: 'No such media' })
      const etag = `"${sha256}"`
      reply.header('etag', etag).header('cache-control', MEDIA_CACHE_CONTROL)
      if (noneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send()
      if (!INLINE_IMAGES.has(blob.mime)) reply.header('content-disposition', 'attachment')
      return reply
        .type(blob.mime)
        .header('content-length', String(blob.size))
        .send(files.read(school.id, sha256))
    },
  )

  app.get<{ Params: CodeParams; Querystring: LangQuery }>(
    '/:code/feed.xml',
    { schema: { params: codeParams } },
    async (request, reply) => {
      const site = await siteOf(request, reply)
      if (!site) return reply
      const page = rendered(site.view, `${site.ctx.absoluteRoot}|feed`, () =>
        atomFeed(site.view.snapshot, site.ctx),
      )
      return sendCached(request, reply, page, 'application/atom+xml; charset=utf-8')
    },
  )

  app.get('/:code/site.css', { schema: { params: codeParams } }, (request, reply) => {
    reply.header('etag', STYLESHEET_ETAG).header('cache-control', 'public, max-age=3600')
    if (noneMatchHits(request.headers['if-none-match'], STYLESHEET_ETAG)) return reply.code(304).send()
    return reply.type('text/css; charset=utf-8').send(STYLESHEET)
  })
}

export default siteRoutes
