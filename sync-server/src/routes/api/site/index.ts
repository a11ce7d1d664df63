import type { FastifyPluginAsync } from 'fastify'
import { isStaff } from '../../../../../domain/auth/roles.ts'
import { forbidden, notFound } from '../../../errors.ts'
import { publicOrigin, siteHome } from '../../public-origin.ts'
import { errorResponses } from '../../schemas.ts'

export interface SiteApiOptions {
  /** Where phones and browsers reach this server (`PUBLIC_URL`); default: the origin of the request. */
  publicUrl?: string
}

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

const addressSchema = {
  response: {
    200: {
      type: 'object',
      properties: { code: { type: 'string' }, home: { type: 'string' } },
      required: ['code', 'home'],
    },
    ...errorResponses,
  },
} as const

/** `/api/site`: what the desktop's micro-site screens need beyond the replicated documents. */
const siteApi: FastifyPluginAsync<SiteApiOptions> = async (app, options) => {
  app.addHook('onRequest', app.authenticate)

  /** The public address of the caller's school's site: its code is the school's, not its id, behind `PUBLIC_URL`. */
  app.get('/address', { schema: addressSchema }, async (request) => {
    const school = (await app.store.listSchools()).find(({ id }) => id === request.user.schoolId)
    if (!school) throw notFound('This school is not on the server')
    return { code: school.code, home: siteHome(publicOrigin(request, options.publicUrl), school.code) }
  })

  /** Public page views per article of the caller's school (staff only). */
  app.get('/stats', { schema: statsSchema }, async (request) => {
    if (!isStaff(request.user)) throw forbidden('Only staff see the micro-site’s page views')
    return { views: await app.site.viewCounts(request.user.schoolId) }
  })
}

export default siteApi
