import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

/** AB-2: a campus (校区) of the school; grades belong to one. */
export interface Campus extends BaseDocument {
  kind: 'campus'
  name: string
  order: number
  address?: string
}

/** AB-2: a grade (年级) of a campus, e.g. 初一; classes belong to one. */
export interface Grade extends BaseDocument {
  kind: 'grade'
  name: string
  campusId: string
  /** Position within the campus (lower first): 初一 before 初二. */
  order: number
  /** The school year its students started (for promotion), e.g. 2026. */
  year?: number
}

const admins = (what: string) => (user: Parameters<typeof isAdmin>[0]) =>
  isAdmin(user) ? allowed : denied(`only admins may change ${what}`)

export const campusKind: KindDefinition<Campus> = {
  kind: 'campus',
  collection: 'org',
  schema: kindSchema(
    'campus',
    {
      name: nonBlankString(60),
      order: { type: 'integer', minimum: 0, maximum: 1000 },
      address: { type: 'string', maxLength: 200 },
    },
    ['name', 'order'],
  ),
  canWrite: admins('campuses'),
  canRead: () => true,
}

export const gradeKind: KindDefinition<Grade> = {
  kind: 'grade',
  collection: 'org',
  schema: kindSchema(
    'grade',
    {
      name: nonBlankString(30),
      campusId: { type: 'string', minLength: 1, maxLength: 64 },
      order: { type: 'integer', minimum: 0, maximum: 1000 },
      year: { type: 'integer', minimum: 1990, maximum: 2100 },
    },
    ['name', 'campusId', 'order'],
  ),
  canWrite: admins('grades'),
  canRead: () => true,
}
