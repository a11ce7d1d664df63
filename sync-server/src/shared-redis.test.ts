import { EventEmitter } from 'node:events'
import { expect, it } from 'vitest'
import { logOutages } from './shared-redis.ts'

function recordedLog() {
  const lines: string[] = []
  return {
    lines,
    log: { warn: (m: string) => lines.push(`warn ${m}`), info: (m: string) => lines.push(`info ${m}`) },
  }
}

it('logs an outage once however many reconnect attempts fail, and the return once', () => {
  const connection = new EventEmitter()
  const { lines, log } = recordedLog()
  logOutages(connection, 'shared state', log)
  connection.emit('ready')
  for (let attempt = 0; attempt < 20; attempt++) connection.emit('error', new Error('connect ECONNREFUSED'))
  connection.emit('ready')
  connection.emit('error', new Error('read ECONNRESET'))
  expect(lines).toEqual([
    'warn redis (shared state): connect ECONNREFUSED; reconnecting',
    'info redis (shared state): connected again',
    'warn redis (shared state): read ECONNRESET; reconnecting',
  ])
})

it('handles the error event, so it is never thrown as an unhandled one', () => {
  const connection = new EventEmitter()
  logOutages(connection, 'change bus publisher', recordedLog().log)
  expect(() => connection.emit('error', new Error('connect ECONNREFUSED'))).not.toThrow()
})
