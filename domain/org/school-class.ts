import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export interface SubjectTeacher {
  subjectId: string
  staffId: string
}

/** AB-2: a class of the home-school directory, with its head teacher and subject teachers. */
export interface SchoolClass extends BaseDocument {
  kind: 'class'
  name: string
  /** The grade as a label (always set, so a class shows correctly before its grade document syncs). */
  gradeName: string
  /** The grade document (campus → grade → class); absent for classes set up before grades existed. */
  gradeId?: string
  /** The education bureau's class code (B08 files), matched by promotion. */
  code?: string
  /** The school year the class started, e.g. 2026. */
  year: number
  headTeacherId?: string
  subjectTeachers: SubjectTeacher[]
}

const classNames = new Intl.Collator('zh-CN', { numeric: true })

/** Classes the way a school lists them: the youngest grade (latest start year) first, then by name. */
export function inSchoolOrder<T extends Pick<SchoolClass, 'year' | 'name'>>(classes: readonly T[]): T[] {
  return [...classes].sort((a, b) => b.year - a.year || classNames.compare(a.name, b.name))
}

export function teachersOf(schoolClass: SchoolClass): string[] {
  const ids = schoolClass.subjectTeachers.map((t) => t.staffId)
  return schoolClass.headTeacherId ? [schoolClass.headTeacherId, ...ids] : ids
}

export const classKind: KindDefinition<SchoolClass> = {
  kind: 'class',
  collection: 'org',
  schema: kindSchema(
    'class',
    {
      name: nonBlankString(60),
      gradeName: nonBlankString(30),
      gradeId: { type: 'string', minLength: 1, maxLength: 64 },
      code: { type: 'string', maxLength: 30 },
      year: { type: 'integer', minimum: 1990, maximum: 2100 },
      headTeacherId: { type: 'string', maxLength: 64 },
      subjectTeachers: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            subjectId: { type: 'string', maxLength: 64 },
            staffId: { type: 'string', maxLength: 64 },
          },
          required: ['subjectId', 'staffId'],
          additionalProperties: false,
        },
      },
    },
    ['name', 'gradeName', 'year', 'subjectTeachers'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change classes')),
  canRead: () => true,
}
