import type { FastifyReply, FastifyRequest } from 'fastify'
import type { BlobFiles } from '../../../blobs/blob-files.ts'
import { HttpError, notFound } from '../../../errors.ts'
import type { BlobMeta, BlobStore } from '../../../store/index.ts'
import { noneMatchHits, rangeAnswer } from './conditional.ts'

/** The request headers a blob read answers to. */
export interface ReadHeaders {
  range?: string
  'if-none-match'?: string
}

export const readHeaders = {
  type: 'object',
  properties: {
    range: { type: 'string', maxLength: 1024 },
    'if-none-match': { type: 'string', maxLength: 1024 },
  },
} as const

export const bytesSchema = { description: 'the bytes', type: 'string', format: 'binary' } as const
export const noBodySchema = { description: 'headers only', type: 'null' } as const

const etagOf = (blob: BlobMeta) => `"${blob.sha256}"`

/** Whether the client's copy is current: the bytes behind a hash never change. */
export const isCurrent = (request: FastifyRequest<{ Headers: ReadHeaders }>, blob: BlobMeta) =>
  noneMatchHits(request.headers['if-none-match'], etagOf(blob))

/** Headers of every successful read, 304 included. */
export function setReadHeaders(reply: FastifyReply, blob: BlobMeta): void {
  reply.headers({
    etag: etagOf(blob),
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'accept-ranges': 'bytes',
  })
}

/**
 * Answers a GET of `blob`'s bytes the way the blob store does: 304 for a current copy, one byte range as 206
 * (videos seek), 416 for a range outside the bytes, else the whole file.
 */
export function sendBlob(
  request: FastifyRequest<{ Headers: ReadHeaders }>,
  reply: FastifyReply,
  files: BlobFiles,
  blob: BlobMeta,
): FastifyReply {
  if (isCurrent(request, blob)) {
    setReadHeaders(reply, blob)
    return reply.code(304).send()
  }
  const range = rangeAnswer(blob.size, request.headers.range)
  if (range.status === 416) {
    reply.header('content-range', `bytes */${blob.size}`)
    throw new HttpError(416, `No byte of range ${request.headers.range} is within ${blob.size} bytes`)
  }
  setReadHeaders(reply, blob)
  reply.type(blob.mime)
  if (range.status === 200)
    return reply.header('content-length', blob.size).send(files.read(blob.schoolId, blob.sha256))
  const { start, end } = range.range
  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${blob.size}`)
    .header('content-length', end - start + 1)
    .send(files.read(blob.schoolId, blob.sha256, range.range))
}

/**
 * Sends the bytes of blob `sha256` of `schoolId` (the caller checked that they may be read) as `sendBlob` does;
 * 404 while they are not on the server (not uploaded yet, or no blob directory).
 */
export async function sendStoredBlob(
  request: FastifyRequest<{ Headers: ReadHeaders }>,
  reply: FastifyReply,
  { store, files }: { store: BlobStore; files: BlobFiles | null },
  { schoolId, sha256 }: { schoolId: string; sha256: string },
): Promise<FastifyReply> {
  const blob = await store.findBlob(schoolId, sha256)
  if (!files || !blob || !(await files.exists(schoolId, sha256)))
    throw notFound('The file is not on the server yet')
  return sendBlob(request, reply, files, blob)
}
