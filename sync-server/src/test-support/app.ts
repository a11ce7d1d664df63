import type { FastifyInstance, InjectOptions } from 'fastify'
import type { LoginResult } from '../../../domain/auth/auth-wire.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { PullResponse, PushRow } from '../../../domain/sync/sync-wire.ts'
import { buildApp, type AppOptions } from '../app.ts'
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.ts'
import type { Store } from '../store/index.ts'
import type { StoreFactory } from './stores.ts'

export const TEST_SECRET = 'test-secret-of-at-least-32-characters'

/** A server for one test: its own store (seeded with the demo schools unless `demo: false`). */
export interface TestApp {
  app: FastifyInstance
  store: Store
  /** Set when started with `listen: true`: `http://127.0.0.1:<random port>`. */
  url: string
  close(): Promise<void>
}

export interface TestAppOptions extends Partial<AppOptions> {
  /**
   * The demo schools (default true); with `notices`, their notices too, delivered hours before `now`; with
   * `timetable`, their scheduling plan and generated timetable.
   */
  demo?: boolean | { now: number; notices?: true; timetable?: true }
  /** Listen on a random loopback port (streams and concurrent HTTP need a real socket). */
  listen?: boolean
}

export async function startTestApp(factory: StoreFactory, options: TestAppOptions = {}): Promise<TestApp> {
  const { demo = true, listen = false, ...appOptions } = options
  const { store, dispose } = await factory.create()
  const { blobDir } = appOptions
  if (demo === true) await seedDemo(store, Date.now(), { blobDir })
  else if (demo)
    await seedDemo(store, demo.now, { blobDir, notices: demo.notices, timetable: demo.timetable })
  const app = await buildApp({ store, authSecret: TEST_SECRET, shutdownGraceMs: 100, ...appOptions })
  const url = listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : ''
  return {
    app,
    store,
    url,
    close: async () => {
      await app.close()
      await dispose()
    },
  }
}

export const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` })

export interface HttpResponse {
  statusCode: number
  body: string
  json<T = unknown>(): T
}

export type Send = (
  method: 'GET' | 'POST',
  path: string,
  headers?: Record<string, string>,
  payload?: InjectOptions['payload'],
) => Promise<HttpResponse>

/** Requests through the real socket when the app listens, else through `inject`. */
export function sender({ app, url }: TestApp): Send {
  if (!url) return (method, path, headers, payload) => app.inject({ method, url: path, headers, payload })
  return async (method, path, headers = {}, payload) => {
    const response = await fetch(url + path, {
      method,
      headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    })
    const body = await response.text()
    return { statusCode: response.status, body, json: <T>() => JSON.parse(body) as T }
  }
}

export async function login(
  server: TestApp,
  account: string,
  password = DEMO_PASSWORD,
  identityId?: string,
): Promise<LoginResult> {
  const response = await sender(server)('POST', '/api/auth/login', {}, { account, password, identityId })
  if (response.statusCode !== 200) throw new Error(`login ${account} failed: ${response.body}`)
  return response.json<LoginResult>()
}

/** A logged-in caller of the sync API. */
export interface SyncClient {
  session: LoginResult
  pull(collection: string, seq?: number, limit?: number): Promise<HttpResponse>
  pullJson(collection: string, seq?: number, limit?: number): Promise<PullResponse>
  /** Rows may leave `assumedMasterState` out, as stock RxDB does for a new document. */
  push(collection: string, rows: (PushRow | Omit<PushRow, 'assumedMasterState'>)[]): Promise<HttpResponse>
}

export async function syncClient(server: TestApp, account: string): Promise<SyncClient> {
  const send = sender(server)
  const session = await login(server, account)
  const headers = bearer(session.accessToken)
  const pull = (collection: string, seq = 0, limit = 100) =>
    send('GET', `/api/sync/${collection}/pull?seq=${seq}&limit=${limit}`, headers)
  return {
    session,
    pull,
    pullJson: async (collection, seq, limit) => {
      const response = await pull(collection, seq, limit)
      if (response.statusCode !== 200) throw new Error(`pull failed: ${response.body}`)
      return response.json<PullResponse>()
    },
    push: (collection, rows) => send('POST', `/api/sync/${collection}/push`, headers, rows),
  }
}

/** Pulls a collection from `seq` to the end in batches of `limit`. */
export async function pullAll(client: SyncClient, collection: string, limit = 100, seq = 0) {
  const documents: WireDocument[] = []
  const checkpoints: number[] = []
  for (;;) {
    const batch = await client.pullJson(collection, seq, limit)
    documents.push(...batch.documents)
    // An empty batch answers with the seq asked for: only a batch with documents has a checkpoint of its own.
    if (batch.documents.length > 0) checkpoints.push(batch.checkpoint.seq)
    seq = batch.checkpoint.seq
    if (batch.documents.length < limit) return { documents, checkpoints, seq }
  }
}

export const ADMIN = '13800000001'
export const TEACHER = '13800000002'
export const GUARDIAN = '13900000001'
export const OTHER_SCHOOL_ADMIN = '13800000101'
