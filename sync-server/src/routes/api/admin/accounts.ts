import type { FastifyPluginAsync } from 'fastify'
import { ROLES, type Role, type SessionUser } from '../../../../../domain/auth/roles.ts'
import type { WireDocument } from '../../../../../domain/documents.ts'
import type { Guardian } from '../../../../../domain/org/guardian.ts'
import type { SchoolClass } from '../../../../../domain/org/school-class.ts'
import { ADMIN_NOT_FOUND, type AccountSlip } from '../../../../../domain/org/admin-wire.ts'
import type { Student } from '../../../../../domain/org/student.ts'
import type { PersonKind } from '../../../accounts/derive.ts'
import { loginOf, pendingInitialPassword } from '../../../auth/accounts.ts'
import { INITIAL_PASSWORD_HASH, initialPassword } from '../../../auth/passwords.ts'
import { conflict, notFound } from '../../../errors.ts'
import type { Account, AccountListing, Store } from '../../../store/index.ts'
import { errorResponses, text } from '../../schemas.ts'
import { auditAdmin } from './audit.ts'

const nullableString = { type: ['string', 'null'] } as const

const accountsSchema = {
  response: {
    200: {
      type: 'object',
      properties: {
        accounts: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              personId: { type: 'string' },
              kind: { enum: ['staff', 'student', 'guardian'] },
              name: { type: 'string' },
              login: nullableString,
              roles: { type: 'array', items: { enum: [...ROLES] } },
              mustChangePassword: { type: 'boolean' },
              disabled: { type: 'boolean' },
              lastLoginAt: { type: ['number', 'null'] },
            },
            required: ['personId', 'kind', 'name', 'login', 'roles', 'mustChangePassword', 'disabled'],
          },
        },
      },
      required: ['accounts'],
    },
    ...errorResponses,
  },
} as const

const personParams = {
  type: 'object',
  properties: { personId: text(64) },
  required: ['personId'],
} as const

const resetSchema = {
  params: personParams,
  response: {
    200: {
      type: 'object',
      properties: { login: { type: 'string' }, initialPassword: { type: 'string' } },
      required: ['login', 'initialPassword'],
    },
    ...errorResponses,
  },
} as const

const slipsSchema = {
  querystring: {
    type: 'object',
    properties: { classId: text(64) },
    required: ['classId'],
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        className: { type: 'string' },
        slips: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              personId: { type: 'string' },
              kind: { enum: ['student', 'guardian'] },
              name: { type: 'string' },
              studentName: { type: 'string' },
              login: { type: 'string' },
              initialPassword: nullableString,
            },
            required: ['personId', 'kind', 'name', 'login', 'initialPassword'],
          },
        },
      },
      required: ['className', 'slips'],
    },
    ...errorResponses,
  },
} as const

function kindOf(roles: readonly Role[]): PersonKind {
  if (roles.includes('student')) return 'student'
  return roles.includes('guardian') ? 'guardian' : 'staff'
}

function listing(account: AccountListing) {
  return {
    personId: account.id,
    kind: kindOf(account.roles),
    name: account.name,
    login: loginOf(account),
    roles: account.roles,
    mustChangePassword: account.mustChangePassword,
    disabled: account.disabled,
    lastLoginAt: account.lastLoginAt,
  }
}

async function accountInSchool(store: Store, user: SessionUser, personId: string): Promise<Account> {
  const account = await store.getAccount(personId)
  if (!account || account.schoolId !== user.schoolId)
    throw notFound(`No account ${personId} in this school`, ADMIN_NOT_FOUND.person)
  return account
}

async function classRoster(store: Store, schoolId: string, classId: string) {
  const docs = await store.findDocuments(schoolId, [
    { collection: 'org', kind: 'class', where: { field: 'id', in: [classId] } },
    { collection: 'org', kind: 'student', where: { field: 'classId', in: [classId] } },
    { collection: 'org', kind: 'guardian' },
  ])
  const schoolClass = docs.find((doc) => doc.kind === 'class') as WireDocument<SchoolClass> | undefined
  if (!schoolClass) throw notFound(`Unknown class: ${classId}`, ADMIN_NOT_FOUND.schoolClass)
  const students = (docs as WireDocument<Student>[])
    .filter((doc) => doc.kind === 'student' && doc.status === 'active')
    .sort((a, b) => a.studentNo.localeCompare(b.studentNo))
  const guardians = docs.filter((doc) => doc.kind === 'guardian') as WireDocument<Guardian>[]
  return { schoolClass, students, guardians }
}

/** Each student of the class, followed by their guardians (once each, with all their children in the class). */
function slipsOf(
  students: readonly Student[],
  guardians: readonly Guardian[],
  accounts: ReadonlyMap<string, Account>,
): AccountSlip[] {
  const namesById = new Map(students.map((s) => [s.id, s.name]))
  const slip = (personId: string, extra: Pick<AccountSlip, 'kind'> & { studentName?: string }) => {
    const account = accounts.get(personId)
    const login = account && !account.disabled ? loginOf(account) : null
    if (!account || login === null) return []
    const initialPassword = pendingInitialPassword(account)
    return [{ personId, name: account.name, ...extra, login, initialPassword }]
  }
  const printed = new Set<string>()
  return students.flatMap((student) => [
    ...slip(student.id, { kind: 'student' }),
    ...guardians
      .filter((g) => !printed.has(g.id) && g.children.some((c) => c.studentId === student.id))
      .flatMap((guardian) => {
        printed.add(guardian.id)
        const children = guardian.children.flatMap((c) => namesById.get(c.studentId) ?? [])
        return slip(guardian.id, { kind: 'guardian', studentName: children.join('、') })
      }),
  ])
}

/** Accounts of the caller's school: the list, password resets, and the slips of a class. */
const accountRoutes: FastifyPluginAsync = async (app) => {
  app.get('/accounts', { schema: accountsSchema }, async (request) => ({
    accounts: (await app.store.listAccounts(request.user.schoolId)).map(listing),
  }))

  app.post<{ Params: { personId: string } }>(
    '/accounts/:personId/reset-password',
    { schema: resetSchema },
    async (request) => {
      const account = await accountInSchool(app.store, request.user, request.params.personId)
      const login = loginOf(account)
      if (login === null) throw conflict(`${account.name} has no phone or number to log in with`)
      await app.store.updatePassword(account.id, INITIAL_PASSWORD_HASH, true)
      app.sessionStreams.endSessions(await app.store.revokeOtherSessions(account.id, request.sessionId))
      await auditAdmin(app.store, request, 'account.password-reset', { personId: account.id })
      return { login, initialPassword: initialPassword(login) }
    },
  )

  app.get<{ Querystring: { classId: string } }>(
    '/account-slips',
    { schema: slipsSchema },
    async (request) => {
      const { schoolId } = request.user
      const { schoolClass, students, guardians } = await classRoster(
        app.store,
        schoolId,
        request.query.classId,
      )
      const accounts = new Map((await app.store.listAccounts(schoolId)).map((a) => [a.id, a]))
      const slips = slipsOf(students, guardians, accounts)
      await auditAdmin(app.store, request, 'account.slips-printed', {
        classId: schoolClass.id,
        slips: slips.length,
      })
      return { className: schoolClass.name, slips }
    },
  )
}

export default accountRoutes
