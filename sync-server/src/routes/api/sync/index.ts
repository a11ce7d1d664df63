import type { FastifyPluginAsync } from 'fastify'
import { COLLECTION_NAMES, isCollectionName, type CollectionName } from '../../../../../domain/collections.ts'
import type { WireDocument } from '../../../../../domain/documents.ts'
import type { PushRow } from '../../../../../domain/sync/sync-wire.ts'
import { parseTermWindow, inTermWindow } from '../../../../../domain/sync/term-window.ts'
import { badRequest, notFound } from '../../../errors.ts'
import { pull } from '../../../sync/pull.ts'
import { push } from '../../../sync/push.ts'
import { decimalInteger, documentSchema, errorResponses } from '../../schemas.ts'
import stream from './stream.ts'

const MAX_PULL_LIMIT = 5000
const MAX_WINDOW_TERMS = 50
const MAX_PUSH_ROWS = 1000
const PUSH_BODY_LIMIT = 32 * 1024 * 1024

const collectionParams = {
  type: 'object',
  properties: { collection: { type: 'string', description: COLLECTION_NAMES.join(', ') } },
  required: ['collection'],
} as const

const pullSchema = {
  params: collectionParams,
  querystring: {
    type: 'object',
    properties: {
      seq: decimalInteger({}),
      limit: decimalInteger({ minimum: 1, maximum: MAX_PULL_LIMIT, fallback: 100 }),
      terms: {
        type: 'string',
        maxLength: MAX_WINDOW_TERMS * 65,
        description: 'timetable only: comma-separated term ids; lessons of other terms are not sent',
      },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        documents: { type: 'array', items: documentSchema },
        checkpoint: { type: 'object', properties: { seq: { type: 'integer' } }, required: ['seq'] },
      },
      required: ['documents', 'checkpoint'],
    },
    ...errorResponses,
  },
} as const

const pushSchema = {
  params: collectionParams,
  body: {
    type: 'array',
    maxItems: MAX_PUSH_ROWS,
    items: {
      type: 'object',
      properties: {
        // Stock RxDB leaves it out for a new document: missing means the client assumes none.
        assumedMasterState: { anyOf: [documentSchema, { type: 'null' }], default: null },
        newDocumentState: documentSchema,
      },
      required: ['newDocumentState'],
      additionalProperties: false,
    },
  },
  response: { 200: { type: 'array', items: documentSchema }, ...errorResponses },
} as const

/** What a pull keeps beyond visibility: with `terms`, the lessons of those terms only (issue 18). */
function pullFilter(collection: CollectionName, terms: string | undefined) {
  if (terms === undefined) return undefined
  if (collection !== 'timetable')
    throw badRequest(`terms applies to the timetable pull only, not ${collection}`)
  const window = parseTermWindow(terms)
  if (window.size > MAX_WINDOW_TERMS) throw badRequest(`terms holds more than ${MAX_WINDOW_TERMS} term ids`)
  return (data: WireDocument) => inTermWindow(data, window)
}

// Unknown collections are a missing resource (404), not a malformed request (400).
function collectionOf(params: { collection: string }): CollectionName {
  if (!isCollectionName(params.collection)) throw notFound(`Unknown collection ${params.collection}`)
  return params.collection
}

/** `/api/sync` (DESIGN §5): the RxDB replication endpoints of every collection, and the change stream. */
const syncRoutes: FastifyPluginAsync = async (app) => {
  // Before the body is read: a caller without a valid token never gets a 32 MB push parsed.
  app.addHook('onRequest', app.authenticate)

  app.get<{ Params: { collection: string }; Querystring: { seq: number; limit: number; terms?: string } }>(
    '/:collection/pull',
    { schema: pullSchema },
    async (request) => {
      const { seq, limit, terms } = request.query
      const collection = collectionOf(request.params)
      const keep = pullFilter(collection, terms)
      const scope = await app.visibility.readScope(request.user, collection)
      return pull(app.store, request.user, collection, seq, limit, scope, keep)
    },
  )

  app.post<{ Params: { collection: string }; Body: PushRow[] }>(
    '/:collection/push',
    { schema: pushSchema, bodyLimit: PUSH_BODY_LIMIT },
    async (request) => {
      const collection = collectionOf(request.params)
      const rule =
        (await app.notices.pushRule(request.user, collection)) ??
        (await app.site.pushRule(request.user, collection, request.body))
      return push(app.store, request.user, collection, request.body, rule)
    },
  )

  await app.register(stream)
}

export default syncRoutes
