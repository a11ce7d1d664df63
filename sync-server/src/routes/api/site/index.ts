import type { FastifyPluginAsync } from 'fastify'
import { isStaff } from '../../../../../domain/auth/roles.ts'
import { forbidden } from '../../../errors.ts'
import { errorResponses } from '../../schemas.ts'

const statsSchema = {
  response: {
    200: {
      type: 'object',
      properties: { views: { type: 'object', additionalProperties: { type: 'integer' } } },
      required: ['views'],
    },
    ...errorResponses,
  },
} as const

/** `/api/site`: what the desktop's micro-site screens need beyond the replicated documents. */
const siteApi: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.authenticate)

  /** Public page views per article of the caller's school (staff only). */
  app.get('/stats', { schema: statsSchema }, async (request) => {
    if (!isStaff(request.user)) throw forbidden('Only staff see the micro-site’s page views')
    return { views: await app.site.viewCounts(request.user.schoolId) }
  })
}

export default siteApi
