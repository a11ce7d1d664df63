import type { FastifyInstance } from 'fastify'

/**
 * Sends `contentSecurityPolicy` and the headers every page of this server carries on each answer of `app`'s
 * context (pages, their files, their 404s): no framing (clickjacking), no MIME sniffing, no referrer.
 */
export function sendSecurityHeaders(app: FastifyInstance, contentSecurityPolicy: string): void {
  const headers = {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  }
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers)
  })
}
