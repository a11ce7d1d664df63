import type { EventEmitter } from 'node:events'
import type { Redis } from 'ioredis'

/** Several server instances (`REDIS_URL`): the Redis connection for shared state, and the prefix of its keys. */
export interface SharedRedis {
  client: Redis
  /** Starts every key and channel, so deployments (and test runs) sharing one Redis stay apart. */
  prefix: string
}

/** A subscription to one channel of the shared Redis, on a connection of its own (a subscriber can do nothing else). */
export interface ChannelSubscription {
  /** The channel's full name (with the prefix), for publishing to it. */
  channel: string
  close(): void
}

/** Hands every message of `<prefix><name>` to `onMessage`; messages published while disconnected are lost. */
export async function subscribeChannel(
  redis: SharedRedis,
  name: string,
  onMessage: (message: string) => void,
): Promise<ChannelSubscription> {
  const channel = redis.prefix + name
  const subscriber = redis.client.duplicate()
  logOutages(subscriber, `subscriber of ${name}`)
  subscriber.on('message', (_channel: string, message: string) => onMessage(message))
  await subscriber.subscribe(channel)
  return { channel, close: () => subscriber.disconnect() }
}

export interface OutageLog {
  warn(message: string): void
  info(message: string): void
}

const consoleLog: OutageLog = { warn: console.warn, info: console.info }

/**
 * Logs one line when `connection` is lost and one when it is back. ioredis emits an `error` on every reconnect
 * attempt, and one with no listener is printed with its stack each time: many lines a second while Redis is down.
 */
export function logOutages(connection: EventEmitter, name: string, log: OutageLog = consoleLog): void {
  let down = false
  connection.on('error', (error: Error) => {
    if (down) return
    down = true
    log.warn(`redis (${name}): ${error.message}; reconnecting`)
  })
  connection.on('ready', () => {
    if (!down) return
    down = false
    log.info(`redis (${name}): connected again`)
  })
}
