import type { Role } from '../../../domain/auth/roles.ts'
import { deepEqual, type WireDocument } from '../../../domain/documents.ts'
import type { Guardian } from '../../../domain/org/guardian.ts'
import type { Staff } from '../../../domain/org/staff.ts'
import type { Student } from '../../../domain/org/student.ts'
import { INITIAL_PASSWORD_HASH } from '../auth/passwords.ts'
import type { Account, RelatedQuery } from '../store/index.ts'

/** The address-book kinds whose people log in; an account's id is its person's document id. */
export const PERSON_KINDS = ['staff', 'student', 'guardian'] as const
export type PersonKind = (typeof PERSON_KINDS)[number]

/** The documents a school's accounts are derived from, tombstones included (a deleted person is disabled). */
export const PERSON_QUERIES: readonly RelatedQuery[] = PERSON_KINDS.map((kind) => ({
  collection: 'org',
  kind,
  includeDeleted: true,
}))

/** What the address book says about an account: everything but its password. */
export type AccountProfile = Omit<Account, 'passwordHash' | 'mustChangePassword'>

type Person = WireDocument<Staff> | WireDocument<Student> | WireDocument<Guardian>

const isActiveStudent = (student: WireDocument<Student>) => !student._deleted && student.status === 'active'

function staffRoles(staff: Staff): Role[] {
  return [...(staff.admin ? (['admin'] as const) : []), ...(staff.teaches ? (['teacher'] as const) : [])]
}

function profileOf(person: Person, activeStudents: ReadonlySet<string>): AccountProfile {
  const common = { id: person.id, schoolId: person.schoolId, name: person.name }
  switch (person.kind) {
    case 'staff':
      return {
        ...common,
        roles: staffRoles(person),
        phone: person.phone ?? null,
        staffNo: person.staffNo ?? null,
        studentNo: null,
        disabled: person._deleted,
      }
    case 'student':
      return {
        ...common,
        roles: ['student'],
        phone: person.phone ?? null,
        staffNo: null,
        studentNo: person.studentNo,
        disabled: !isActiveStudent(person),
      }
    case 'guardian':
      return {
        ...common,
        roles: ['guardian'],
        phone: person.phone,
        staffNo: null,
        studentNo: null,
        disabled: person._deleted || !person.children.some((c) => activeStudents.has(c.studentId)),
      }
  }
}

const isPerson = (doc: WireDocument): doc is Person => (PERSON_KINDS as readonly string[]).includes(doc.kind)

/** The account of every staff member, student and guardian of one school's address book. */
export function deriveProfiles(docs: readonly WireDocument[]): AccountProfile[] {
  const people = docs.filter(isPerson)
  const activeStudents = new Set(
    people.filter((p) => p.kind === 'student' && isActiveStudent(p)).map((p) => p.id),
  )
  return people.map((person) => profileOf(person, activeStudents))
}

const PROFILE_FIELDS = ['name', 'roles', 'phone', 'staffNo', 'studentNo', 'disabled'] as const

function differs(profile: AccountProfile, account: Account): boolean {
  return PROFILE_FIELDS.some((field) => !deepEqual(profile[field], account[field]))
}

/**
 * The accounts to save so that they match `profiles`: new ones start on the initial password, to be changed;
 * existing ones keep their password. A disabled person without an account gets none.
 */
export function accountChanges(profiles: readonly AccountProfile[], existing: readonly Account[]): Account[] {
  const byId = new Map(existing.map((account) => [account.id, account]))
  return profiles.flatMap((profile): Account[] => {
    const account = byId.get(profile.id)
    if (!account) {
      return profile.disabled
        ? []
        : [{ ...profile, passwordHash: INITIAL_PASSWORD_HASH, mustChangePassword: true }]
    }
    return differs(profile, account) ? [{ ...account, ...profile }] : []
  })
}
