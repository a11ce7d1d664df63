import type { FastifyPluginAsync } from 'fastify'
import { DATE_PATTERN } from '../../../../../domain/calendar/dates.ts'
import type { WireDocument } from '../../../../../domain/documents.ts'
import type { Student } from '../../../../../domain/org/student.ts'
import { validateDocument } from '../../../../../domain/validation.ts'
import { ADMIN_NOT_FOUND } from '../../../../../domain/org/admin-wire.ts'
import { badRequest, conflict, notFound } from '../../../errors.ts'
import type { RelatedQuery, Store } from '../../../store/index.ts'
import { errorResponses, okSchema, text } from '../../schemas.ts'
import { auditAdmin } from './audit.ts'

const studentParams = {
  type: 'object',
  properties: { studentId: text(64) },
  required: ['studentId'],
} as const

const leaveSchema = {
  params: studentParams,
  body: {
    type: 'object',
    properties: { on: { type: 'string', pattern: DATE_PATTERN }, reason: text(200) },
    required: ['on'],
    additionalProperties: false,
  },
  response: { 200: okSchema, ...errorResponses },
} as const

const transferSchema = {
  params: studentParams,
  body: {
    type: 'object',
    properties: { classId: text(64) },
    required: ['classId'],
    additionalProperties: false,
  },
  response: { 200: okSchema, ...errorResponses },
} as const

type Edit = (student: WireDocument<Student>, related: readonly WireDocument[]) => Partial<Student> | null

/**
 * Changes an active student through the one write path (a new seq, so every replica gets it); `edit` returns the
 * fields to change, or null for nothing to do. Returns the student as it was.
 */
function editActiveStudent(
  store: Store,
  schoolId: string,
  studentId: string,
  edit: Edit,
  related: readonly RelatedQuery[] = [],
): Promise<WireDocument<Student>> {
  return store.writeDocuments(
    schoolId,
    'org',
    [studentId],
    (stored, relatedDocs) => {
      const student = stored.get(studentId) as WireDocument<Student> | undefined
      if (!student || student._deleted || student.kind !== 'student') {
        throw notFound(`Unknown student: ${studentId}`, ADMIN_NOT_FOUND.person)
      }
      if (student.status !== 'active') throw conflict(`${student.name} has already left the school`)
      const change = edit(student, relatedDocs)
      if (!change) return { writes: [], result: student }
      const next = { ...student, ...change, updatedAt: Date.now() }
      const validation = validateDocument('org', next)
      if (!validation.ok) throw badRequest(validation.errors.join('; '))
      return { writes: [next], result: student }
    },
    related,
  )
}

/** Students leaving the school and moving to another class. */
const studentRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: { studentId: string }; Body: { on: string; reason?: string } }>(
    '/students/:studentId/leave',
    { schema: leaveSchema },
    async (request) => {
      const { schoolId } = request.user
      const { on, reason } = request.body
      const { studentId } = request.params
      await editActiveStudent(app.store, schoolId, studentId, () => ({ status: 'left', leftOn: on }))
      // Answer once the accounts (the student's, and guardians left without a child here) are disabled.
      await app.accounts.settled(schoolId)
      await auditAdmin(app.store, request, 'student.left', { studentId, on, ...(reason ? { reason } : {}) })
      return { ok: true }
    },
  )

  app.post<{ Params: { studentId: string }; Body: { classId: string } }>(
    '/students/:studentId/transfer',
    { schema: transferSchema },
    async (request) => {
      const { schoolId } = request.user
      const { classId } = request.body
      const { studentId } = request.params
      const before = await editActiveStudent(
        app.store,
        schoolId,
        studentId,
        (student, classes) => {
          if (classes.length === 0) throw badRequest(`Unknown class: ${classId}`)
          return student.classId === classId ? null : { classId }
        },
        [{ collection: 'org', kind: 'class', where: { field: 'id', in: [classId] } }],
      )
      await auditAdmin(app.store, request, 'student.transferred', {
        studentId,
        from: before.classId,
        to: classId,
      })
      return { ok: true }
    },
  )
}

export default studentRoutes
