import cors from '@fastify/cors'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'

const ELECTRON_ORIGIN = 'app://campus-desk'
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1'])

/** The desktop app (its custom protocol) and local development servers on any port. */
export function isAllowedOrigin(origin: string): boolean {
  if (origin === ELECTRON_ORIGIN) return true
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.origin === origin
  } catch {
    return false
  }
}

const corsPlugin: FastifyPluginAsync = async (app) => {
  await app.register(cors, {
    // Requests without an Origin (same-origin web mode, phones opening links, tools) need no CORS headers.
    origin: (origin, callback) => callback(null, origin === undefined || isAllowedOrigin(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Poll-Token', 'Range', 'If-None-Match'],
    // The blob cache reads these from the desktop app's origin (app://); the server clock estimate reads Date.
    exposedHeaders: ['ETag', 'Content-Range', 'Accept-Ranges', 'Date'],
    maxAge: 600,
  })
}

export default fp(corsPlugin, { name: 'cors' })
