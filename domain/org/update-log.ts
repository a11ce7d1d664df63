import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export const UPDATE_LOG_ACTIONS = ['promotion'] as const

/** AB-5 update log (更新日誌): one bulk change of the address book, who applied it, when, and its counts. */
export interface UpdateLog extends BaseDocument {
  kind: 'update_log'
  action: (typeof UPDATE_LOG_ACTIONS)[number]
  /** When it was applied (ms, the applying PC's clock: shown, never used to order anything). */
  appliedAt: number
  byId: string
  byName: string
  schoolYear: number
  /** The names of the files it was made from. */
  files: string[]
  /** e.g. `{ moved: 812, new: 95, alumni: 3 }`. */
  counts: Record<string, number>
}

// Append-only: a log entry is never edited nor deleted, so it stays a faithful record.
export const updateLogKind: KindDefinition<UpdateLog> = {
  kind: 'update_log',
  collection: 'org',
  schema: kindSchema(
    'update_log',
    {
      action: { enum: [...UPDATE_LOG_ACTIONS] },
      appliedAt: { type: 'number', minimum: 0 },
      byId: nonBlankString(64),
      byName: nonBlankString(60),
      schoolYear: { type: 'integer', minimum: 1990, maximum: 2100 },
      files: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 200 } },
      counts: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
    },
    ['action', 'appliedAt', 'byId', 'byName', 'schoolYear', 'files', 'counts'],
  ),
  canWrite: (user, next, stored) => {
    if (!isAdmin(user)) return denied('only admins may write update logs')
    if (stored) return denied('update logs cannot be changed')
    return next.byId === user.id ? allowed : denied('an update log names the admin who applied it')
  },
  canRead: (user) => isAdmin(user),
}
