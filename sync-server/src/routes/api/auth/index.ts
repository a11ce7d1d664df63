import type { FastifyPluginAsync } from 'fastify'
import { describeDevice } from '../../../auth/devices.ts'
import { rateLimited, type RateLimit } from '../../../plugins/rate-limit.ts'
import { DEVICE_KINDS } from '../../../../../domain/auth/auth-wire.ts'
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
    properties: { account: text(64), password: text(200), identityId: text(64), deviceName: text(100) },
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

const deviceSessionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    device: {
      type: 'object',
      properties: { name: { type: 'string' }, kind: { enum: [...DEVICE_KINDS] } },
      required: ['name', 'kind'],
    },
    createdAt: { type: 'number' },
    lastUsedAt: { type: 'number' },
    address: { type: ['string', 'null'] },
    current: { type: 'boolean' },
  },
  required: ['id', 'device', 'createdAt', 'lastUsedAt', 'address', 'current'],
} as const

const sessionsSchema = {
  response: {
    200: {
      type: 'object',
      properties: { sessions: { type: 'array', items: deviceSessionSchema } },
      required: ['sessions'],
    },
    ...errorResponses,
  },
} as const

const revokeSchema = {
  body: {
    type: 'object',
    properties: { sessionId: text(64) },
    required: ['sessionId'],
    additionalProperties: false,
  },
  response: { 200: okSchema, ...errorResponses },
} as const

const revokeOthersSchema = {
  response: {
    200: { type: 'object', properties: { revoked: { type: 'integer' } }, required: ['revoked'] },
    ...errorResponses,
  },
} as const

interface LoginBody {
  account: string
  password: string
  identityId?: string
  /** How the client names itself in "signed-in devices"; else its User-Agent tells. */
  deviceName?: string
}

/**
 * `/api/auth` (DESIGN §6): login, refresh, who am I, logout and password change; signed-in devices (AUTH-6):
 * list them, sign one out, sign out all others. Signing a device out ends its sync streams at once.
 */
const authRoutes: FastifyPluginAsync<{ rateLimit: RateLimit }> = async (app, options) => {
  const config = rateLimited(options.rateLimit)
  const authenticated = { onRequest: app.authenticate }
  // What a session that must change its password may still do.
  const beforePasswordChange = { allowedBeforePasswordChange: true }

  app.post<{ Body: LoginBody }>('/login', { schema: loginSchema, config }, (request) => {
    const { deviceName, ...credentials } = request.body
    const device = describeDevice(request.headers['user-agent'], deviceName)
    return app.auth.login({ ...credentials, ip: request.ip, device })
  })

  app.post<{ Body: { refreshToken: string } }>('/refresh', { schema: refreshSchema, config }, (request) =>
    app.auth.refresh(request.body.refreshToken, request.ip),
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

  app.get('/sessions', { schema: sessionsSchema, ...authenticated }, async (request) => ({
    sessions: await app.auth.sessions(request.user, request.sessionId),
  }))

  app.post<{ Body: { sessionId: string } }>(
    '/sessions/revoke',
    { schema: revokeSchema, ...authenticated },
    async (request) => {
      await app.auth.revokeDevice(request.user, request.body.sessionId)
      return { ok: true }
    },
  )

  app.post('/sessions/revoke-others', { schema: revokeOthersSchema, ...authenticated }, async (request) => {
    const revoked = await app.auth.revokeOtherDevices(request.user, request.sessionId)
    return { revoked: revoked.length }
  })
}

export default authRoutes
