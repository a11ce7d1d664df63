import { readFileSync } from 'node:fs'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { renderPage, type MobilePage } from '../../pages/m/shell.ts'
import { langOf } from '../../pages/m/strings.ts'
import { sendSecurityHeaders } from '../../plugins/security-headers.ts'
import { errorResponses, qrTicketParams } from '../schemas.ts'

const PAGES_DIR = new URL('../../pages/m/', import.meta.url)

/** The pages' own files, read once; the names are their URLs under /m/. */
export const MOBILE_ASSETS = {
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('app.js', PAGES_DIR)) },
  'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('app.css', PAGES_DIR)) },
} as const

/** Scripts and styles only from this server, no framing (the confirm button must not be clickjacked). */
export const MOBILE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // The course pages play videos and show PDFs from the bytes they fetched with the user's token.
  'media-src blob:',
  'frame-src blob:',
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const textSchema = { response: { 200: { type: 'string' }, ...errorResponses } } as const

const qrSchema = { params: qrTicketParams, ...textSchema } as const

const noticeSchema = {
  params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
  ...textSchema,
} as const

function sendPage(page: MobilePage) {
  return (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderPage(page, langOf(request.headers['accept-language'])))
}

/** `/m/` (DESIGN §7): the phone's pages, plain HTML and one small script. */
const mobilePages: FastifyPluginAsync = async (app) => {
  sendSecurityHeaders(app, MOBILE_CSP)
  app.get('/', { schema: textSchema }, sendPage('home'))
  app.get('/login', { schema: textSchema }, sendPage('login'))
  app.get('/qr/:ticketId', { schema: qrSchema }, sendPage('qr'))
  app.get('/notices', { schema: textSchema }, sendPage('notices'))
  app.get('/notices/:id', { schema: noticeSchema }, sendPage('notice'))
  app.get('/courses', { schema: textSchema }, sendPage('courses'))
  app.get('/courses/:id', { schema: noticeSchema }, sendPage('course'))
  for (const [name, asset] of Object.entries(MOBILE_ASSETS)) {
    app.get(`/${name}`, { schema: textSchema }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').type(asset.type).send(asset.body),
    )
  }
}

export default mobilePages
