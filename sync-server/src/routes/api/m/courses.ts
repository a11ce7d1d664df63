import type { FastifyPluginAsync } from 'fastify'
import { SHA256_PATTERN } from '../../../../../domain/blobs/blob-ref.ts'
import type { BlobFiles } from '../../../blobs/blob-files.ts'
import { PhoneCourses } from '../../../courses/library.ts'
import { errorResponses } from '../../schemas.ts'
import {
  bytesSchema,
  noBodySchema,
  readHeaders,
  sendStoredBlob,
  type ReadHeaders,
} from '../blobs/send-blob.ts'

export interface PhoneCourseRoutesOptions {
  files: BlobFiles | null
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const
const blobRef = { type: 'object', additionalProperties: true } as const

const summaryProperties = {
  id: { type: 'string' },
  title: { type: 'string' },
  lecturer: { type: 'string' },
  description: { type: 'string' },
  cover: blobRef,
} as const

const listSchema = {
  response: {
    200: {
      type: 'object',
      properties: {
        courses: {
          type: 'array',
          items: {
            type: 'object',
            properties: { ...summaryProperties, chapterCount: { type: 'integer' } },
            required: ['id', 'title', 'lecturer', 'chapterCount'],
          },
        },
      },
      required: ['courses'],
    },
    ...errorResponses,
  },
} as const

const detailSchema = {
  params: { type: 'object', properties: { id: ref }, required: ['id'] },
  response: {
    200: {
      type: 'object',
      properties: {
        ...summaryProperties,
        chapters: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              parentId: { type: ['string', 'null'] },
              title: { type: 'string' },
              depth: { type: 'integer' },
              attachments: { type: 'array', items: blobRef },
            },
            required: ['id', 'parentId', 'title', 'depth', 'attachments'],
          },
        },
      },
      required: ['id', 'title', 'lecturer', 'chapters'],
    },
    ...errorResponses,
  },
} as const

const attachmentSchema = {
  params: {
    type: 'object',
    properties: { id: ref, sha256: { type: 'string', pattern: SHA256_PATTERN } },
    required: ['id', 'sha256'],
  },
  headers: readHeaders,
  response: { 200: bytesSchema, 206: bytesSchema, 304: noBodySchema, ...errorResponses },
} as const

/** `/api/m/courses` (DESIGN §7.3): what the `/m/courses` viewer reads — listed courses, published chapters. */
const phoneCourseRoutes: FastifyPluginAsync<PhoneCourseRoutesOptions> = async (app, { files }) => {
  const courses = new PhoneCourses(app.store)
  const scopeOf = (request: { user: Parameters<typeof app.visibility.readScope>[0] }) =>
    app.visibility.readScope(request.user, 'courses')

  app.get('/courses', { schema: listSchema }, async (request) => ({
    courses: await courses.list(request.user, await scopeOf(request)),
  }))

  app.get<{ Params: { id: string } }>('/courses/:id', { schema: detailSchema }, async (request) =>
    courses.detail(request.user, await scopeOf(request), request.params.id),
  )

  app.get<{ Params: { id: string; sha256: string }; Headers: ReadHeaders }>(
    '/courses/:id/attachments/:sha256',
    { schema: attachmentSchema, exposeHeadRoute: false },
    async (request, reply) => {
      const { id, sha256 } = request.params
      await courses.assertAttachment(request.user, await scopeOf(request), id, sha256)
      const { schoolId } = request.user
      return sendStoredBlob(request, reply, { store: app.store, files }, { schoolId, sha256 })
    },
  )
}

export default phoneCourseRoutes
