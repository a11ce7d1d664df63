import { existsSync } from 'node:fs'
import { extname, join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'
import { CONTENT_SECURITY_POLICY } from '../../../domain/security/renderer-csp.ts'
import { notFound } from '../errors.ts'
import { sendSecurityHeaders } from './security-headers.ts'

/**
 * Web mode: the desktop renderer's build served under /app/. A GET of a path without a file extension is one of
 * the app's own routes, so it gets index.html; anything else that is not a file is a 404. Every answer carries the
 * renderer's CSP as a header (the meta tag cannot forbid framing) and the other security headers of the pages.
 */
const renderer: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  if (!existsSync(join(dir, 'index.html'))) return
  app.get('/', { schema: { response: { 302: { type: 'null' } } } }, (_request, reply) =>
    reply.redirect('/app/'),
  )
  await app.register(
    async (web) => {
      sendSecurityHeaders(web, CONTENT_SECURITY_POLICY)
      await web.register(fastifyStatic, { root: dir, prefix: '/', redirect: true })
      web.setNotFoundHandler((request, reply) => {
        const isAppRoute = request.method === 'GET' && !extname(new URL(request.url, 'http://app').pathname)
        if (!isAppRoute) throw notFound(`${request.method} ${request.url} not found`)
        return reply.sendFile('index.html')
      })
    },
    { prefix: '/app' },
  )
}

export default renderer
