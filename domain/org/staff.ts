import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export const PHONE_PATTERN = '^1[3-9]\\d{9}$'

/** AB-1: a member of staff (teaching or not). Their login account is derived from this by the server. */
export interface Staff extends BaseDocument {
  kind: 'staff'
  name: string
  phone?: string
  staffNo?: string
  position?: string
  departmentIds: string[]
  tags: string[]
  /** Teaching staff (教學人員): offered as teachers in the timetable; their account has the teacher role. */
  teaches: boolean
  /** Administers the school in Campus Desk: their account has the admin role. */
  admin?: boolean
}

export const staffKind: KindDefinition<Staff> = {
  kind: 'staff',
  collection: 'org',
  schema: kindSchema(
    'staff',
    {
      name: nonBlankString(60),
      phone: { type: 'string', pattern: PHONE_PATTERN },
      staffNo: { type: 'string', maxLength: 30 },
      position: { type: 'string', maxLength: 60 },
      departmentIds: { type: 'array', items: { type: 'string', maxLength: 64 }, uniqueItems: true },
      tags: { type: 'array', items: { type: 'string', maxLength: 30 }, uniqueItems: true },
      teaches: { type: 'boolean' },
      admin: { type: 'boolean' },
    },
    ['name', 'departmentIds', 'tags', 'teaches'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change the staff directory')),
  canRead: () => true,
}
