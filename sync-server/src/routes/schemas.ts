import { ROLES } from '../../../domain/auth/roles.ts'

/** JSON Schemas shared by several routes. */

export const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' } },
  required: ['error', 'message'],
} as const

/** The error answers every route may give. */
export const errorResponses = { '4xx': errorSchema, '5xx': errorSchema } as const

/** A replicated document: its fields depend on its kind and are checked by `validateDocument`, not here. */
export const documentSchema = { type: 'object', additionalProperties: true } as const

export const sessionUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    schoolId: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { enum: [...ROLES] } },
  },
  required: ['id', 'schoolId', 'name', 'roles'],
} as const

export const okSchema = {
  type: 'object',
  properties: { ok: { const: true } },
  required: ['ok'],
} as const

export const sessionTokensProperties = {
  accessToken: { type: 'string' },
  refreshToken: { type: 'string' },
  user: sessionUserSchema,
  mustChangePassword: { type: 'boolean' },
} as const

/** A new session: what login, refresh and a confirmed QR login give. */
export const sessionTokensSchema = {
  type: 'object',
  properties: sessionTokensProperties,
  required: Object.keys(sessionTokensProperties),
} as const

/**
 * Neither U+0000 nor a UTF-16 surrogate without its partner (Ajv's patterns are Unicode-aware, so a pair, such as
 * an emoji, is one character): PostgreSQL stores neither, and a query with one would answer 500.
 */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$'

/** A non-empty string of at most `maxLength` characters, storable text only. */
export const text = (maxLength: number) =>
  ({ type: 'string', minLength: 1, maxLength, pattern: STORABLE_TEXT_PATTERN }) as const

/** `:ticketId` of the QR login routes and the phone's confirm page. */
export const qrTicketParams = {
  type: 'object',
  properties: { ticketId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
  required: ['ticketId'],
} as const

/**
 * A query parameter holding a non-negative safe integer written in decimal digits only ("007" is 7). Fastify's
 * Ajv coerces query strings, which would take `1e400` (Infinity), `1e22`, `0x10` or `" 1"` for numbers: the string
 * is checked first, and only then coerced (in place) to a number bounded by `maximum`.
 */
export function decimalInteger({
  minimum = 0,
  maximum = Number.MAX_SAFE_INTEGER,
  fallback = minimum,
}: {
  minimum?: number
  maximum?: number
  fallback?: number
}) {
  return {
    default: String(fallback),
    allOf: [
      { type: 'string', pattern: '^[0-9]{1,16}$' },
      { type: 'integer', minimum, maximum },
    ],
  } as const
}
