import type { FastifyPluginAsync } from 'fastify'
import { rateLimited, type RateLimit } from '../../../plugins/rate-limit.ts'
import {
  errorResponses,
  okSchema,
  sessionTokensProperties,
  sessionTokensSchema,
  sessionUserSchema,
  text,
} from '../../schemas.ts'

const loginSchema = {
  body: {
    type: 'object',
    properties: { account: text(64), password: text(200), identityId: text(64) },
    required: ['account', 'password'],
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        ...sessionTokensProperties,
        identities: {
          type: 'array',
          items: {
            type: 'object',
            properties: { ...sessionUserSchema.properties, schoolName: { type: 'string' } },
            required: [...sessionUserSchema.required, 'schoolName'],
          },
        },
      },
      required: [...sessionTokensSchema.required, 'identities'],
    },
    ...errorResponses,
  },
} as const

const refreshSchema = {
  body: {
    type: 'object',
    properties: { refreshToken: text(200) },
    required: ['refreshToken'],
    additionalProperties: false,
  },
  response: { 200: sessionTokensSchema, ...errorResponses },
} as const

const logoutSchema = { response: { 200: okSchema, ...errorResponses } } as const

const meSchema = {
  response: {
    200: {
      type: 'object',
      properties: { user: sessionUserSchema, mustChangePassword: { type: 'boolean' } },
      required: ['user', 'mustChangePassword'],
    },
    ...errorResponses,
  },
} as const

const passwordSchema = {
  body: {
    type: 'object',
    properties: { oldPassword: text(200), newPassword: text(200) },
    required: ['oldPassword', 'newPassword'],
    additionalProperties: false,
  },
  response: { 200: okSchema, ...errorResponses },
} as const

interface LoginBody {
  account: string
  password: string
  identityId?: string
}

/** `/api/auth` (DESIGN §6): login, refresh, who am I, logout and password change. */
const authRoutes: FastifyPluginAsync<{ rateLimit: RateLimit }> = async (app, options) => {
  const config = rateLimited(options.rateLimit)
  const authenticated = { onRequest: app.authenticate }
  // What a session that must change its password may still do.
  const beforePasswordChange = { allowedBeforePasswordChange: true }

  app.post<{ Body: LoginBody }>('/login', { schema: loginSchema, config }, (request) =>
    app.auth.login({ ...request.body, ip: request.ip }),
  )

  app.post<{ Body: { refreshToken: string } }>('/refresh', { schema: refreshSchema, config }, (request) =>
    app.auth.refresh(request.body.refreshToken),
  )

  app.get('/me', { schema: meSchema, config: beforePasswordChange, ...authenticated }, async (request) => ({
    user: request.user,
    mustChangePassword: request.mustChangePassword,
  }))

  app.post(
    '/logout',
    { schema: logoutSchema, config: beforePasswordChange, ...authenticated },
    async (request) => {
      await app.auth.logout(request.user, request.sessionId)
      return { ok: true }
    },
  )

  app.post<{ Body: { oldPassword: string; newPassword: string } }>(
    '/password',
    { schema: passwordSchema, config: { ...config, ...beforePasswordChange }, ...authenticated },
    async (request) => {
      const { oldPassword, newPassword } = request.body
      await app.auth.changePassword(request.user, request.sessionId, oldPassword, newPassword, request.ip)
      return { ok: true }
    },
  )
}

export default authRoutes
