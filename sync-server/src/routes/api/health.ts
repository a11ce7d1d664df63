import type { FastifyPluginAsync } from 'fastify'
import packageJson from '../../../../package.json' with { type: 'json' }
import { errorResponses } from '../schemas.ts'

const healthSchema = {
  response: {
    200: {
      type: 'object',
      properties: {
        ok: { const: true },
        version: { type: 'string' },
        store: { enum: ['sqlite', 'postgres'] },
        accounts: {
          description:
            'Schools whose accounts no longer follow their address book (details: /api/admin/status)',
          type: 'object',
          properties: { failingSchools: { type: 'integer' } },
          required: ['failingSchools'],
        },
      },
      required: ['ok', 'version', 'store', 'accounts'],
    },
    ...errorResponses,
  },
} as const

/** `GET /api/health`: for load balancers, the e2e harness and `npm start`. */
const health: FastifyPluginAsync = async (app) => {
  app.get('/health', { schema: healthSchema }, async () => ({
    ok: true,
    version: packageJson.version,
    store: app.store.kind,
    accounts: { failingSchools: app.accounts.failingSchoolCount },
  }))
}

export default health
