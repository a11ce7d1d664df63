import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { AuthService, type AuthOptions } from '../auth/service.ts'
import { newRandomToken } from '../auth/tokens.ts'
import { PASSWORD_CHANGE_REQUIRED } from '../../../domain/auth/codes.ts'
import { forbidden, unauthorized } from '../errors.ts'

const PASSWORD_CHANGE_REQUIRED_MESSAGE = 'Change the initial password before doing anything else'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route serves a session whose account must change its password first (issue 11 §2). */
    allowedBeforePasswordChange?: boolean
  }
  interface FastifyInstance {
    auth: AuthService
    /**
     * Request hook: accepts only a valid `Authorization: Bearer` access token of an open session; a session
     * that must change its password reaches only the routes that allow it (else 403 `password_change_required`).
     */
    authenticate(request: FastifyRequest): Promise<void>
  }
  interface FastifyRequest {
    /** The caller; set by `authenticate`, so only read it in routes that use it. */
    user: SessionUser
    /** Whether the caller's account must change its password first. */
    mustChangePassword: boolean
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
  const service = new AuthService(app.store, {
    ...options,
    secret,
    onSessionsEnded: (sessionIds) => app.sessionStreams.endSessions(sessionIds),
  })
  app.decorate('auth', service)
  app.decorateRequest('user')
  app.decorateRequest('sessionId')
  app.decorateRequest('accessExpiresAt')
  app.decorateRequest('mustChangePassword', false)
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const { user, sessionId, expiresAt, mustChangePassword } = await service.authenticate(
      bearerToken(request),
    )
    if (mustChangePassword && !request.routeOptions.config.allowedBeforePasswordChange) {
      throw forbidden(PASSWORD_CHANGE_REQUIRED_MESSAGE, PASSWORD_CHANGE_REQUIRED)
    }
    request.user = user
    request.sessionId = sessionId
    request.accessExpiresAt = expiresAt
    request.mustChangePassword = mustChangePassword
  })
}

export default fp(auth, { name: 'auth', dependencies: ['store', 'realtime'] })
