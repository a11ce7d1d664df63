import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { isAdmin } from '../../../../../domain/auth/roles.ts'
import { forbidden } from '../../../errors.ts'
import accounts from './accounts.ts'
import status from './status.ts'
import students from './students.ts'

async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (!isAdmin(request.user)) throw forbidden('Only school administrators may do this')
}

/** `/api/admin`: the school administrator's actions on accounts and students, each written to the audit log. */
const adminRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.authenticate)
  // Before the body is validated: a non-admin learns nothing about what a valid request looks like.
  app.addHook('preValidation', requireAdmin)
  await app.register(accounts)
  await app.register(students)
  await app.register(status)
}

export default adminRoutes
