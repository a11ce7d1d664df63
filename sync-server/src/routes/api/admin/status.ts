import type { FastifyPluginAsync } from 'fastify'
import { errorResponses } from '../../schemas.ts'

const statusSchema = {
  response: {
    200: {
      type: 'object',
      properties: {
        accounts: {
          description: "Whether the school's accounts follow its address book; when not, since when and why",
          type: 'object',
          properties: {
            ok: { type: 'boolean' },
            failedAt: { type: 'number' },
            message: { type: 'string' },
          },
          required: ['ok'],
        },
      },
      required: ['accounts'],
    },
    ...errorResponses,
  },
} as const

/** `GET /api/admin/status`: what the server knows is wrong with the caller's school, for the desktop's sync status. */
const statusRoutes: FastifyPluginAsync = async (app) => {
  app.get('/status', { schema: statusSchema }, async (request) => {
    const failure = app.accounts.failureOf(request.user.schoolId)
    return {
      accounts: failure ? { ok: false, failedAt: failure.at, message: failure.message } : { ok: true },
    }
  })
}

export default statusRoutes
