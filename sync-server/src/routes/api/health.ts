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
      },
      required: ['ok', 'version', 'store'],
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
  }))
}

export default health
