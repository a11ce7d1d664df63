import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError } from '../errors.ts'

function errorBody(statusCode: number, message: string, code?: string) {
  return { error: code ?? STATUS_CODES[statusCode] ?? 'Error', message }
}

/** Every error leaves the server as `{ error, message }` JSON; server faults are logged, not described. */
const errors: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed')
    const message = statusCode >= 500 ? 'Internal server error' : error.message
    if (error instanceof HttpError) reply.headers(error.headers)
    const code = error instanceof HttpError ? error.code : undefined
    return reply.code(statusCode).send(errorBody(statusCode, message, code))
  })
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(404, `Route ${request.method} ${request.url} not found`)),
  )
}

export default fp(errors, { name: 'errors' })
