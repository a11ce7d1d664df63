import type { FastifyPluginAsync } from 'fastify'
import { SHA256_PATTERN } from '../../../../../domain/blobs/blob-ref.ts'
import { BlobFiles } from '../../../blobs/blob-files.ts'
import { assertSharedBlob, sharedCourses } from '../../../courses/library.ts'
import { documentSchema, errorResponses } from '../../schemas.ts'
import {
  bytesSchema,
  noBodySchema,
  readHeaders,
  sendStoredBlob,
  type ReadHeaders,
} from '../blobs/send-blob.ts'

export interface CourseRoutesOptions {
  /** Where blob bytes are kept; without one, attachments are not served. */
  blobDir?: string
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const

const sharedSchema = {
  response: {
    200: {
      type: 'object',
      properties: {
        courses: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              schoolId: { type: 'string' },
              schoolName: { type: 'string' },
              course: documentSchema,
              chapters: { type: 'array', items: documentSchema },
            },
            required: ['schoolId', 'schoolName', 'course', 'chapters'],
          },
        },
      },
      required: ['courses'],
    },
    ...errorResponses,
  },
} as const

interface BlobParams {
  schoolId: string
  courseId: string
  sha256: string
}

const blobSchema = {
  params: {
    type: 'object',
    properties: { schoolId: ref, courseId: ref, sha256: { type: 'string', pattern: SHA256_PATTERN } },
    required: ['schoolId', 'courseId', 'sha256'],
  },
  headers: readHeaders,
  response: { 200: bytesSchema, 206: bytesSchema, 304: noBodySchema, ...errorResponses },
} as const

/** `/api/courses` (DESIGN §7.3): the course library — other schools' listed courses shared with the caller's. */
const courseRoutes: FastifyPluginAsync<CourseRoutesOptions> = async (app, options) => {
  const files = options.blobDir ? new BlobFiles(options.blobDir) : null
  app.addHook('onRequest', app.authenticate)

  app.get('/shared', { schema: sharedSchema }, async (request) => ({
    courses: await sharedCourses(app.store, request.user),
  }))

  app.get<{ Params: BlobParams; Headers: ReadHeaders }>(
    '/shared/:schoolId/:courseId/blobs/:sha256',
    { schema: blobSchema, exposeHeadRoute: false },
    async (request, reply) => {
      await assertSharedBlob(app.store, request.user, request.params)
      return sendStoredBlob(request, reply, { store: app.store, files }, request.params)
    },
  )
}

export default courseRoutes
