import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'
import { PHONE_PATTERN } from './staff.ts'

export interface GuardianChild {
  studentId: string
  /** e.g. 父亲, 母亲, 祖父 — free text as schools write it. */
  relationship: string
}

/** AB-2: a parent or other guardian; one guardian may have several children in the school. */
export interface Guardian extends BaseDocument {
  kind: 'guardian'
  name: string
  phone: string
  children: GuardianChild[]
}

export const guardianKind: KindDefinition<Guardian> = {
  kind: 'guardian',
  collection: 'org',
  schema: kindSchema(
    'guardian',
    {
      name: nonBlankString(60),
      phone: { type: 'string', pattern: PHONE_PATTERN },
      children: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: { studentId: { type: 'string', maxLength: 64 }, relationship: nonBlankString(20) },
          required: ['studentId', 'relationship'],
          additionalProperties: false,
        },
      },
    },
    ['name', 'phone', 'children'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change guardians')),
  // The teachers of a child's class, the guardian themself (their document has their identity's id).
  canRead: (user, guardian, scope) =>
    isAdmin(user) ||
    guardian.id === user.id ||
    guardian.children.some((c) => scope.studentIds.has(c.studentId)),
}
