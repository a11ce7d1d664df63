// The B01-style students-registration JSON (docs/formats/promotion.md): every student of the new school year.
import { Validator } from '@cfworker/json-schema'
import { nonBlankString } from '../../kinds.ts'
import { PHONE_PATTERN } from '../staff.ts'

export interface RegisteredGuardian {
  name: string
  phone: string
  relationship: string
}

export interface RegisteredStudent {
  studentNo: string
  name: string
  classCode: string
  nationalStudentNo?: string
  localStudentNo?: string
  guardians?: RegisteredGuardian[]
}

export interface RegistrationFile {
  schoolYear: number
  exportedAt: string
  students: RegisteredStudent[]
}

const optionalNumber = { type: 'string', maxLength: 30 } as const

/** Other properties are allowed and ignored: the bureau's exports carry more than the app reads. */
export const REGISTRATION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'students registration (B01)',
  type: 'object',
  properties: {
    schoolYear: { type: 'integer', minimum: 1990, maximum: 2100 },
    exportedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
    students: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          studentNo: nonBlankString(30),
          name: nonBlankString(60),
          classCode: nonBlankString(30),
          nationalStudentNo: optionalNumber,
          localStudentNo: optionalNumber,
          guardians: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: nonBlankString(60),
                phone: { type: 'string', pattern: PHONE_PATTERN },
                relationship: nonBlankString(20),
              },
              required: ['name', 'phone', 'relationship'],
            },
          },
        },
        required: ['studentNo', 'name', 'classCode'],
      },
    },
  },
  required: ['schoolYear', 'exportedAt', 'students'],
} as const

export type RegistrationParse = { ok: true; file: RegistrationFile } | { ok: false; error: string }

// Compiles without eval, so it also runs under the renderer's strict CSP.
const validator = new Validator(REGISTRATION_SCHEMA as never, '2020-12', false)

/** `#/students/3/classCode` → `students[3].classCode`: the path as the admin reads it. */
export function readablePath(pointer: string): string {
  const parts = pointer.replace(/^#\/?/, '').split('/').filter(Boolean)
  if (!parts.length) return '(file)'
  return parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i ? `.${part}` : part)).join('')
}

// The deepest error is the real one: the outer ones only say "a property/item is invalid".
function firstProblem(errors: readonly { instanceLocation: string; error: string; keyword: string }[]) {
  const leaves = errors.filter((e) => !['properties', 'items', 'allOf'].includes(e.keyword))
  return leaves[0] ?? errors[0]
}

/** Parses and checks a registration file; a malformed one is refused with the path of its first problem. */
export function parseRegistration(text: string): RegistrationParse {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  const result = validator.validate(data)
  if (result.valid) return { ok: true, file: data as RegistrationFile }
  const problem = firstProblem(result.errors)
  return problem
    ? { ok: false, error: `${readablePath(problem.instanceLocation)}: ${problem.error}` }
    : { ok: false, error: 'does not match the registration format' }
}
