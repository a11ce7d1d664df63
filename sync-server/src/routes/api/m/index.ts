import type { FastifyPluginAsync } from 'fastify'
import { SHA256_PATTERN } from '../../../../../domain/blobs/blob-ref.ts'
import type { Answers } from '../../../../../domain/notices/receipt.ts'
import { BlobFiles } from '../../../blobs/blob-files.ts'
import { PhoneNotices } from '../../../notices/phone-api.ts'
import { errorResponses } from '../../schemas.ts'
import {
  bytesSchema,
  noBodySchema,
  readHeaders,
  sendStoredBlob,
  type ReadHeaders,
} from '../blobs/send-blob.ts'
import phoneCourseRoutes from './courses.ts'
import { hijackEventStream, onStreamEnd, streamSchema } from '../sync/stream.ts'

export interface MobileRoutesOptions {
  clock: () => number
  /** Where blob bytes are kept; without one, attachments are not served. */
  blobDir?: string
}

const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['id'],
} as const

const attachmentParams = {
  type: 'object',
  properties: { ...idParams.properties, sha256: { type: 'string', pattern: SHA256_PATTERN } },
  required: ['id', 'sha256'],
} as const

const studentsSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' } },
    required: ['id', 'name'],
  },
} as const

const summarySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    authorName: { type: 'string' },
    sentAt: { type: 'number' },
    status: { enum: ['sent', 'closed'] },
    hasForm: { type: 'boolean' },
    read: { type: 'boolean' },
    answered: { type: 'boolean' },
    reminded: { type: 'boolean' },
    students: studentsSchema,
  },
  required: ['id', 'title', 'authorName', 'sentAt', 'status', 'hasForm', 'read', 'answered', 'reminded'],
} as const

const open = { type: 'object', additionalProperties: true } as const
const looseArray = { type: 'array', items: open } as const

const noticeSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    links: looseArray,
    attachments: looseArray,
    questions: looseArray,
    status: { enum: ['sent', 'closed'] },
    authorName: { type: 'string' },
    sentAt: { type: 'number' },
    receipt: {
      type: 'object',
      properties: { readAt: { type: 'number' }, answeredAt: { type: 'number' }, answers: open },
    },
    students: studentsSchema,
  },
  required: [
    'id',
    'title',
    'body',
    'links',
    'attachments',
    'questions',
    'status',
    'authorName',
    'sentAt',
    'receipt',
  ],
} as const

const timeAnswer = (field: string) =>
  ({ type: 'object', properties: { [field]: { type: 'number' } }, required: [field] }) as const

/** `/api/m` (DESIGN §7.1): what the phone pages ask of the server, as the logged-in user. */
const mobileRoutes: FastifyPluginAsync<MobileRoutesOptions> = async (app, options) => {
  const phoneNotices = new PhoneNotices(app.store, options.clock)
  const files = options.blobDir ? new BlobFiles(options.blobDir) : null
  app.addHook('onRequest', app.authenticate)

  app.get(
    '/notices',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: { notices: { type: 'array', items: summarySchema } },
            required: ['notices'],
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ notices: await phoneNotices.list(request.user) }),
  )

  app.get<{ Params: { id: string } }>(
    '/notices/:id',
    { schema: { params: idParams, response: { 200: noticeSchema, ...errorResponses } } },
    (request) => phoneNotices.detail(request.user, request.params.id),
  )

  app.post<{ Params: { id: string } }>(
    '/notices/:id/read',
    { schema: { params: idParams, response: { 200: timeAnswer('readAt'), ...errorResponses } } },
    async (request) => ({ readAt: await phoneNotices.read(request.user, request.params.id) }),
  )

  app.post<{ Params: { id: string }; Body: { answers: Answers } }>(
    '/notices/:id/answers',
    {
      bodyLimit: 256 * 1024,
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: { answers: { type: 'object', maxProperties: 50 } },
          required: ['answers'],
          additionalProperties: false,
        },
        response: { 200: timeAnswer('answeredAt'), ...errorResponses },
      },
    },
    async (request) => ({
      answeredAt: await phoneNotices.answer(request.user, request.params.id, request.body.answers),
    }),
  )

  app.get<{ Params: { id: string; sha256: string }; Headers: ReadHeaders }>(
    '/notices/:id/attachments/:sha256',
    {
      exposeHeadRoute: false,
      schema: {
        params: attachmentParams,
        headers: readHeaders,
        response: { 200: bytesSchema, 206: bytesSchema, 304: noBodySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, sha256 } = request.params
      await phoneNotices.attachment(request.user, id, sha256)
      const { schoolId } = request.user
      return sendStoredBlob(request, reply, { store: app.store, files }, { schoolId, sha256 })
    },
  )

  await app.register(phoneCourseRoutes, { files })

  app.get('/stream', { schema: streamSchema }, async (request, reply) => {
    const sink = hijackEventStream(reply)
    const { user, sessionId, accessExpiresAt: expiresAt } = request
    onStreamEnd(reply, app.phones.connect(user.schoolId, user.id, sink, { sessionId, expiresAt }))
  })
}

export default mobileRoutes
