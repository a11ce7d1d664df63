import { Readable } from 'node:stream'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { isSha256, SHA256_PATTERN } from '../../../../../domain/blobs/blob-ref.ts'
import { allowanceOf, DAY_MS, mayReadBlob, type UploadAllowances } from '../../../blobs/allowance.ts'
import { BlobFiles, BlobHashMismatchError, BlobTooLargeError } from '../../../blobs/blob-files.ts'
import { badRequest, HttpError, notFound, payloadTooLarge } from '../../../errors.ts'
import type { BlobMeta } from '../../../store/index.ts'
import { errorResponses } from '../../schemas.ts'
import {
  bytesSchema,
  isCurrent,
  noBodySchema,
  readHeaders,
  sendBlob,
  setReadHeaders,
  type ReadHeaders,
} from './send-blob.ts'

export interface BlobRoutesOptions {
  /** Where the bytes are kept (`BLOB_DIR`). */
  dir: string
  /** What staff, guardians and students may upload. */
  allowances: UploadAllowances
  /** The server's clock: when blobs were stored, so the daily allowance. */
  clock: () => number
}

const DEFAULT_MIME = 'application/octet-stream'

interface HashParams {
  sha256: string
}

const hashParams = {
  type: 'object',
  // Checked first by a hook, to answer `bad_hash`; the pattern documents it.
  properties: { sha256: { type: 'string', pattern: SHA256_PATTERN, description: 'SHA-256 of the bytes' } },
  required: ['sha256'],
} as const

const blobSchema = {
  type: 'object',
  properties: { sha256: { type: 'string' }, size: { type: 'integer' }, mime: { type: 'string' } },
  required: ['sha256', 'size', 'mime'],
} as const

const putSchema = {
  params: hashParams,
  headers: {
    type: 'object',
    properties: {
      'content-type': {
        type: 'string',
        maxLength: 255,
        description: `kept as the mime; ${DEFAULT_MIME} if none`,
      },
      'content-length': { type: 'string', pattern: '^[0-9]+$' },
    },
  },
  response: { 200: blobSchema, 201: blobSchema, ...errorResponses },
} as const

const headSchema = {
  params: hashParams,
  headers: readHeaders,
  response: { 200: noBodySchema, 304: noBodySchema, ...errorResponses },
} as const

const getSchema = {
  params: hashParams,
  headers: readHeaders,
  response: { 200: bytesSchema, 206: bytesSchema, 304: noBodySchema, ...errorResponses },
} as const

const existsSchema = {
  params: hashParams,
  response: {
    200: {
      type: 'object',
      properties: { exists: { type: 'boolean' } },
      required: ['exists'],
    },
    ...errorResponses,
  },
} as const

const answer = ({ sha256, size, mime }: BlobMeta) => ({ sha256, size, mime })

const STALE_TEMPORARY_FILE_MS = 24 * 3_600_000

/** `/api/blobs/:sha256` (DESIGN §4): the bytes documents reference, kept per school and addressed by hash. */
const blobRoutes: FastifyPluginAsync<BlobRoutesOptions> = async (app, { dir, allowances, clock }) => {
  const files = new BlobFiles(dir)
  const swept = await files.sweepTemporaryFiles(STALE_TEMPORARY_FILE_MS)
  if (swept) app.log.info({ swept }, 'removed temporary files of interrupted blob uploads')

  app.addHook('onRequest', app.authenticate)
  app.addHook('onRequest', async (request: FastifyRequest<{ Params: HashParams }>) => {
    if (!isSha256(request.params.sha256))
      throw badRequest(`Not a lower-case hex SHA-256: ${request.params.sha256}`, 'bad_hash')
  })
  // Every body, whatever its type, reaches the upload route as the unread stream.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload))

  // The rest of the body is not read: closing the connection after the answer drops it.
  function refuseUpload(reply: FastifyReply, error: HttpError): never {
    reply.header('connection', 'close')
    throw error
  }

  const tooLarge = (maxBytes: number) =>
    payloadTooLarge(`Blobs may be at most ${maxBytes} bytes`, 'too_large')
  const overQuota = (dailyBytes: number) =>
    new HttpError(
      429,
      `Uploads may store at most ${dailyBytes} bytes in 24 hours; try again later`,
      'upload_quota',
    )

  /** The most the caller's upload may hold, and the error to answer when it holds more. */
  async function uploadLimit(request: FastifyRequest) {
    const { schoolId, id } = request.user
    const allowance = allowanceOf(request.user, allowances)
    const stored = await app.store.uploadedBytesSince(schoolId, id, clock() - DAY_MS)
    const quotaLeft = Math.max(0, allowance.dailyBytes - stored)
    return quotaLeft < allowance.maxBytes
      ? { maxBytes: quotaLeft, error: overQuota(allowance.dailyBytes) }
      : { maxBytes: allowance.maxBytes, error: tooLarge(allowance.maxBytes) }
  }

  /** The caller's school's blob if the caller may read it and its file is there, else null. */
  async function readableBlob(request: FastifyRequest<{ Params: HashParams }>): Promise<BlobMeta | null> {
    const { schoolId } = request.user
    const { sha256 } = request.params
    const blob = await app.store.findBlob(schoolId, sha256)
    if (!blob || !mayReadBlob(request.user, blob.createdBy)) return null
    if (await files.exists(schoolId, sha256)) return blob
    // Answered as missing, so that a client holding the bytes uploads them again.
    request.log.error({ schoolId, sha256 }, 'blob file missing')
    return null
  }

  async function storedBlob(request: FastifyRequest<{ Params: HashParams }>): Promise<BlobMeta> {
    const blob = await readableBlob(request)
    if (!blob) throw notFound(`No blob ${request.params.sha256}`, 'not_found')
    return blob
  }

  app.put<{ Params: HashParams }>('/:sha256', { schema: putSchema }, async (request, reply) => {
    const { schoolId, id: accountId } = request.user
    const { sha256 } = request.params
    const limit = await uploadLimit(request)
    if (Number(request.headers['content-length'] ?? 0) > limit.maxBytes) refuseUpload(reply, limit.error)
    const body = request.body instanceof Readable ? request.body : Readable.from([])
    const size = await files.write(schoolId, sha256, body, limit.maxBytes).catch((error: unknown) => {
      if (error instanceof BlobTooLargeError) refuseUpload(reply, limit.error)
      if (error instanceof BlobHashMismatchError) throw badRequest(error.message, 'hash_mismatch')
      throw error
    })
    const mime = request.headers['content-type']?.trim() || DEFAULT_MIME
    const { blob, created } = await app.store.saveBlob({
      schoolId,
      sha256,
      size,
      mime,
      createdAt: clock(),
      createdBy: accountId,
    })
    request.log.info({ schoolId, sha256, size, created }, 'blob uploaded')
    return reply.code(created ? 201 : 200).send(answer(blob))
  })

  app.head<{ Params: HashParams; Headers: ReadHeaders }>(
    '/:sha256',
    { schema: headSchema },
    async (request, reply) => {
      const blob = await storedBlob(request)
      setReadHeaders(reply, blob)
      if (isCurrent(request, blob)) return reply.code(304).send()
      return reply.type(blob.mime).header('content-length', blob.size).send()
    },
  )

  // The upload queue's check before a PUT: an answer either way, so a browser logs no failed request.
  app.get<{ Params: HashParams }>('/:sha256/exists', { schema: existsSchema }, async (request) => ({
    exists: (await readableBlob(request)) !== null,
  }))

  app.get<{ Params: HashParams; Headers: ReadHeaders }>(
    '/:sha256',
    { schema: getSchema, exposeHeadRoute: false },
    async (request, reply) => sendBlob(request, reply, files, await storedBlob(request)),
  )
}

export default blobRoutes
