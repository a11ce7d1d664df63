import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

/** TT-4: a room or other place where lessons happen. */
export interface Location extends BaseDocument {
  kind: 'location'
  name: string
  enabled: boolean
  /** 可編輯: false locks the location against edits (it can still be enabled or disabled). */
  editable: boolean
  /** 同時容納多班: several classes may use it in the same period (sports ground, library). */
  multiClass: boolean
  capacity?: number
  remark?: string
}

const LOCKED_FIELDS = ['name', 'multiClass', 'capacity', 'remark', 'editable'] as const

export const locationKind: KindDefinition<Location> = {
  kind: 'location',
  collection: 'catalog',
  schema: kindSchema(
    'location',
    {
      name: nonBlankString(60),
      enabled: { type: 'boolean' },
      editable: { type: 'boolean' },
      multiClass: { type: 'boolean' },
      capacity: { type: 'integer', minimum: 1, maximum: 10000 },
      remark: { type: 'string', maxLength: 500 },
    },
    ['name', 'enabled', 'editable', 'multiClass'],
  ),
  canWrite: (user, next, stored) => {
    if (!isAdmin(user)) return denied('only admins may change locations')
    if (stored && !stored.editable && LOCKED_FIELDS.some((f) => stored[f] !== next[f])) {
      return denied(`location "${stored.name}" is not editable; only enabling or disabling it is allowed`)
    }
    return allowed
  },
  canRead: () => true,
}
