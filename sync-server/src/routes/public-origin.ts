import type { FastifyRequest } from 'fastify'

/**
 * The address phones and browsers reach this server at (DESIGN §3, `PUBLIC_URL`), without a trailing slash; the
 * request's own origin when none is configured (a server used only on the school's network).
 */
export function publicOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  return (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '')
}

/** The public home of a school's micro-site: `<origin>/site/<code>/`. */
export function siteHome(origin: string, schoolCode: string): string {
  return `${origin}/site/${encodeURIComponent(schoolCode)}/`
}
