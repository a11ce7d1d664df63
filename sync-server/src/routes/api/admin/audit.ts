import type { FastifyRequest } from 'fastify'
import type { Store } from '../../../store/index.ts'

/** Records an admin action: who (the caller), in which school, what. */
export function auditAdmin(
  store: Store,
  request: FastifyRequest,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const { id, schoolId } = request.user
  return store.audit({ schoolId, accountId: id, action, detail: { ...detail, ip: request.ip } })
}
