import type { FastifyPluginAsync } from 'fastify'
import { isStaff } from '../../../../domain/auth/roles.ts'
import type { SchoolList } from '../../../../domain/org/schools-wire.ts'
import { forbidden } from '../../errors.ts'
import { errorResponses } from '../schemas.ts'

const schoolsSchema = {
  response: {
    200: {
      type: 'object',
      properties: {
        schools: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'string' }, name: { type: 'string' } },
            required: ['id', 'name'],
          },
        },
      },
      required: ['schools'],
    },
    ...errorResponses,
  },
} as const

/**
 * `GET /api/schools`: the other schools of this server by name, for staff choosing whom to share a course with
 * (DESIGN §7.3 `shareSchoolIds`). Only ids and names: nothing else of another school is told.
 */
const schoolRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.authenticate)
  app.get('/schools', { schema: schoolsSchema }, async (request): Promise<SchoolList> => {
    if (!isStaff(request.user)) throw forbidden('Only staff may list the schools')
    const schools = await app.store.listSchools()
    return {
      schools: schools
        .filter((school) => school.id !== request.user.schoolId)
        .map(({ id, name }) => ({ id, name })),
    }
  })
}

export default schoolRoutes
