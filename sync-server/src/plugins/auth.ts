import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { AuthService, type AuthOptions } from '../auth/service.ts'
import { newRandomToken } from '../auth/tokens.ts'
import { unauthorized } from '../errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService
    /** Request hook: accepts only a valid `Authorization: Bearer` access token of an open session. */
    authenticate(request: FastifyRequest): Promise<void>
  }
  interface FastifyRequest {
    /** The caller; set by `authenticate`, so only read it in routes that use it. */
    user: SessionUser
    sessionId: string
    /** When the caller's access token expires (ms since the epoch). */
    accessExpiresAt: number
  }
}

export interface AuthPluginOptions extends Omit<AuthOptions, 'secret'> {
  /** Without one, a secret is generated once and kept in the store, so tokens survive restarts. */
  secret?: string
}

function bearerToken(request: FastifyRequest): string {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ')
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthorized('Missing bearer access token')
  return token
}

const auth: FastifyPluginAsync<AuthPluginOptions> = async (app, options) => {
  const secret = options.secret ?? (await app.store.getOrCreateSetting('auth_secret', newRandomToken))
  const service = new AuthService(app.store, { ...options, secret })
  app.decorate('auth', service)
  app.decorateRequest('user')
  app.decorateRequest('sessionId')
  app.decorateRequest('accessExpiresAt')
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const { user, sessionId, expiresAt } = await service.authenticate(bearerToken(request))
    request.user = user
    request.sessionId = sessionId
    request.accessExpiresAt = expiresAt
  })
}

export default fp(auth, { name: 'auth', dependencies: ['store'] })
