import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

/** TT-3: a subject, used by the timetable, the question bank and homework. */
export interface Subject extends BaseDocument {
  kind: 'subject'
  name: string
  code?: string
  enabled: boolean
}

export const subjectKind: KindDefinition<Subject> = {
  kind: 'subject',
  collection: 'catalog',
  schema: kindSchema(
    'subject',
    {
      name: nonBlankString(60),
      code: { type: 'string', maxLength: 30 },
      enabled: { type: 'boolean' },
    },
    ['name', 'enabled'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change subjects')),
  canRead: () => true,
}
