import { isAdmin, isStaff, type SessionUser } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition, type ReadScope } from '../kinds.ts'

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

/**
 * Staff see the whole staff directory. Guardians and students see only the teachers of their children's
 * (their own) classes: with name, position, departments and tags, without the staff number (a login) and,
 * unless the school shows them, without the phone number (issue 11 §5).
 */
function familyView(staff: Staff, scope: ReadScope): Staff {
  const { phone, staffNo: _staffNo, ...visible } = staff
  return scope.staffPhonesVisible && phone !== undefined ? { ...visible, phone } : visible
}

export function projectStaff(user: SessionUser, staff: Staff, scope: ReadScope): Staff {
  return isStaff(user) ? staff : familyView(staff, scope)
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
  canRead: (user, staff, scope) => isStaff(user) || (scope.staffIds?.has(staff.id) ?? false),
  project: projectStaff,
}
