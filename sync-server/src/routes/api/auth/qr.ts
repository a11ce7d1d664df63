import type { FastifyPluginAsync } from 'fastify'
import { QR_STATES, type QrState } from '../../../../../domain/auth/auth-wire.ts'
import { rateLimited, type RateLimit } from '../../../plugins/rate-limit.ts'
import { publicOrigin } from '../../public-origin.ts'
import { errorResponses, okSchema, qrTicketParams, sessionTokensSchema, text } from '../../schemas.ts'

export interface QrRoutesOptions {
  /** Ticket creation per address. */
  createRateLimit: RateLimit
  /** Polls per address. */
  pollRateLimit: RateLimit
  /** Where phones reach this server (`scanUrl`); default: the origin the desktop's request came to. */
  publicUrl?: string
}

const createSchema = {
  body: {
    type: 'object',
    properties: { deviceName: text(100) },
    required: ['deviceName'],
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        ticketId: { type: 'string' },
        scanUrl: { type: 'string' },
        pollToken: { type: 'string' },
        expiresAt: { type: 'integer' },
      },
      required: ['ticketId', 'scanUrl', 'pollToken', 'expiresAt'],
    },
    ...errorResponses,
  },
} as const

const pollSchema = {
  params: qrTicketParams,
  querystring: {
    type: 'object',
    properties: { after: { enum: [...QR_STATES], default: 'pending' } },
  },
  headers: {
    type: 'object',
    properties: { 'x-poll-token': text(200) },
    required: ['x-poll-token'],
  },
  response: {
    200: {
      type: 'object',
      properties: {
        state: { enum: [...QR_STATES] },
        scannedBy: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        tokens: sessionTokensSchema,
      },
      required: ['state'],
    },
    ...errorResponses,
  },
} as const

const scanSchema = {
  params: qrTicketParams,
  response: {
    200: {
      type: 'object',
      properties: {
        deviceName: { type: 'string' },
        createdAt: { type: 'integer' },
        expiresAt: { type: 'integer' },
        clientAddress: { type: 'string' },
      },
      required: ['deviceName', 'createdAt', 'expiresAt', 'clientAddress'],
    },
    ...errorResponses,
  },
} as const

const decideSchema = { params: qrTicketParams, response: { 200: okSchema, ...errorResponses } } as const

type TicketRequest = { Params: { ticketId: string } }

/** `/api/auth/qr` (DESIGN §6): the desktop asks for a ticket and polls it; the phone scans, confirms or rejects. */
const qrRoutes: FastifyPluginAsync<QrRoutesOptions> = async (app, options) => {
  const authenticated = { onRequest: app.authenticate }

  app.post<{ Body: { deviceName: string } }>(
    '/',
    { schema: createSchema, config: rateLimited(options.createRateLimit) },
    async (request) => {
      const ticket = await app.qrLogin.create(request.body.deviceName, request.ip)
      const scanUrl = `${publicOrigin(request, options.publicUrl)}/m/qr/${ticket.ticketId}`
      return { ...ticket, scanUrl }
    },
  )

  app.get<TicketRequest & { Querystring: { after: QrState }; Headers: { 'x-poll-token': string } }>(
    '/:ticketId',
    { schema: pollSchema, config: rateLimited(options.pollRateLimit) },
    (request) =>
      app.qrLogin.poll(request.params.ticketId, request.headers['x-poll-token'], request.query.after),
  )

  app.post<TicketRequest>('/:ticketId/scan', { schema: scanSchema, ...authenticated }, async (request) =>
    app.qrLogin.scan(request.params.ticketId, request.user),
  )

  app.post<TicketRequest>(
    '/:ticketId/confirm',
    { schema: decideSchema, ...authenticated },
    async (request) => {
      await app.qrLogin.confirm(request.params.ticketId, request.user)
      return { ok: true }
    },
  )

  app.post<TicketRequest>(
    '/:ticketId/reject',
    { schema: decideSchema, ...authenticated },
    async (request) => {
      await app.qrLogin.reject(request.params.ticketId, request.user)
      return { ok: true }
    },
  )
}

export default qrRoutes
