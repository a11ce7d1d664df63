import { PASSWORD_CHANGE_REQUIRED } from '../../../../domain/auth/codes.ts'
import type { SessionUser } from '../../../../domain/auth/roles.ts'
import { isCollectionName, type CollectionName } from '../../../../domain/collections.ts'
import { deepEqual, type WireDocument } from '../../../../domain/documents.ts'
import { checkWrite } from '../../../../domain/permissions.ts'
import { validateDocument } from '../../../../domain/validation.ts'
import type { PushRow } from '../../../../domain/sync/sync-wire.ts'
import type { FetchLike } from '../api-client.ts'

interface Stored {
  collection: CollectionName
  doc: WireDocument
  seq: number
}

const encoder = new TextEncoder()

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function withoutDeleted(doc: WireDocument): WireDocument {
  const { _deleted: _ignored, ...rest } = doc
  return rest as WireDocument
}

/** One client's network link to the fake server: cut it to take that client offline. */
export interface FakeLink {
  fetch: FetchLike
  online: boolean
  /** Goes offline and drops this client's open stream. */
  cut(): void
}

/**
 * An in-memory sync server speaking the protocol of DESIGN §5/§6 through a `fetch` function, for Node tests
 * of the replication (the real server has its own tests; this one lets client tests cut the network,
 * expire tokens and refuse writes at will).
 */
interface PasswordChange {
  oldPassword: string
  newPassword: string
}

export class FakeSyncServer {
  readonly url = 'http://fake-sync.test'
  /** Extra server-side refusal rule: a message refuses the row (400), null accepts it. */
  refuse: (doc: WireDocument) => string | null = () => null
  /** Documents pulls leave out, as the real server leaves out what the caller may not see. */
  hidden: (doc: WireDocument) => boolean = () => false
  readonly pulls: { collection: string; seq: number }[] = []
  refreshCount = 0

  /** Pushes that arrived while pushes are held and wait to be answered. */
  heldPushes = 0

  private seq = 0
  private pushGate: Promise<void> | null = null
  private readonly docs = new Map<string, Stored>()
  private readonly accessTokens = new Map<string, SessionUser>()
  private readonly refreshTokens = new Map<string, SessionUser>()
  private readonly streams = new Set<ReadableStreamDefaultController<Uint8Array>>()
  private tokenCounter = 0

  private readonly users: Record<string, SessionUser>

  /** Users on an initial password: their tokens may only change it (as the real server, issue 11 §2). */
  readonly mustChangePassword = new Set<string>()

  constructor(users: Record<string, SessionUser>) {
    this.users = users
  }

  /** A client's own link; every client of a test should have one. */
  link(): FakeLink {
    const streams = new Set<ReadableStreamDefaultController<Uint8Array>>()
    const link: FakeLink = {
      online: true,
      fetch: async (input, init) => {
        if (!link.online) throw new TypeError('fetch failed')
        return this.handle(input, streams, init)
      },
      cut: () => {
        link.online = false
        streams.forEach((c) => this.closeStream(c))
        streams.clear()
      },
    }
    return link
  }

  private closeStream(controller: ReadableStreamDefaultController<Uint8Array>): void {
    if (this.streams.delete(controller)) controller.error(new TypeError('network error'))
  }

  private async handle(
    input: string,
    linkStreams: Set<ReadableStreamDefaultController<Uint8Array>>,
    init: RequestInit = {},
  ): Promise<Response> {
    const url = new URL(input)
    const method = init.method ?? 'GET'
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined
    if (url.pathname === '/api/auth/login') return this.login(body as { account: string })
    if (url.pathname === '/api/auth/refresh') return this.refresh(body as { refreshToken: string })
    const user = this.accessTokens.get(new Headers(init.headers).get('Authorization')?.slice(7) ?? '')
    if (!user) return json({ error: 'unauthorized', message: 'invalid access token' }, 401)
    if (url.pathname === '/api/auth/password') return this.changePassword(user, body as PasswordChange)
    if (this.mustChangePassword.has(user.id)) {
      return json({ error: PASSWORD_CHANGE_REQUIRED, message: 'change the password first' }, 403)
    }
    if (url.pathname === '/api/sync/stream') return this.stream(init.signal ?? undefined, linkStreams)
    const match = /^\/api\/sync\/([a-z]+)\/(pull|push)$/.exec(url.pathname)
    const collection = match?.[1]
    if (!match || !collection || !isCollectionName(collection)) return json({ error: 'not_found' }, 404)
    if (match[2] === 'pull' && method === 'GET') return this.pull(collection, user, url.searchParams)
    await this.awaitPushGate()
    return this.push(collection, user, body as PushRow[])
  }

  /** Every stored document of a collection, tombstones included. */
  documents(collection: CollectionName): WireDocument[] {
    return [...this.docs.values()].filter((s) => s.collection === collection).map((s) => s.doc)
  }

  /** Writes as another client would: a new seq and a change event on every stream. */
  write(collection: CollectionName, doc: WireDocument): void {
    this.store(collection, doc)
    this.broadcast('change', this.changeOf(collection, [doc]))
  }

  /** Writes `docs` in one transaction, in this order, as the server's own fan-outs do: one change event. */
  writeAll(collection: CollectionName, docs: WireDocument[]): void {
    docs.forEach((doc) => this.store(collection, doc))
    this.broadcast('change', this.changeOf(collection, docs))
  }

  /** Keeps every push from now on unanswered (and unapplied) until the returned function is called. */
  holdPushes(): () => void {
    let release!: () => void
    this.pushGate = new Promise((resolve) => (release = resolve))
    return () => {
      this.pushGate = null
      release()
    }
  }

  private async awaitPushGate(): Promise<void> {
    if (!this.pushGate) return
    this.heldPushes += 1
    await this.pushGate
    this.heldPushes -= 1
  }

  expireAccessTokens(): void {
    this.accessTokens.clear()
  }

  /** Closes every open stream, as a restarting server would. */
  dropStreams(): void {
    this.streams.forEach((c) => this.closeStream(c))
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear()
  }

  /** Sends an event whose data is not JSON (a truncated or corrupted message). */
  sendMalformed(event: string, data: string): void {
    this.streams.forEach((c) => c.enqueue(encoder.encode(`event: ${event}\ndata: ${data}\n\n`)))
  }

  sendResync(collections: CollectionName[], fromZero: boolean): void {
    this.broadcast('resync', { collections, fromZero })
  }

  get openStreams(): number {
    return this.streams.size
  }

  /** Every open stream's client has read all that was sent to it (its events reached the sync engine). */
  get streamsRead(): boolean {
    return [...this.streams].every((c) => (c.desiredSize ?? 0) > 0)
  }

  private issue(user: SessionUser) {
    this.tokenCounter += 1
    const pair = { accessToken: `a${this.tokenCounter}`, refreshToken: `r${this.tokenCounter}` }
    this.accessTokens.set(pair.accessToken, user)
    this.refreshTokens.set(pair.refreshToken, user)
    return pair
  }

  private login({ account }: { account: string }): Response {
    const user = this.users[account]
    if (!user) return json({ error: 'bad_credentials', message: 'wrong account or password' }, 401)
    const mustChangePassword = this.mustChangePassword.has(user.id)
    return json({ ...this.issue(user), user, mustChangePassword, identities: [] })
  }

  private changePassword(user: SessionUser, { newPassword }: PasswordChange): Response {
    if (newPassword.length < 8) return json({ error: 'password_too_short', message: 'too short' }, 400)
    this.mustChangePassword.delete(user.id)
    return json({ ok: true })
  }

  private refresh({ refreshToken }: { refreshToken: string }): Response {
    this.refreshCount += 1
    const user = this.refreshTokens.get(refreshToken)
    if (!user) return json({ error: 'invalid_refresh', message: 'refresh token revoked' }, 401)
    this.refreshTokens.delete(refreshToken)
    return json(this.issue(user))
  }

  private pull(collection: CollectionName, user: SessionUser, query: URLSearchParams): Response {
    const since = Number(query.get('seq') ?? 0)
    const limit = Number(query.get('limit') ?? 100)
    this.pulls.push({ collection, seq: since })
    const newer = [...this.docs.values()]
      .filter((s) => s.collection === collection && s.seq > since && s.doc.schoolId === user.schoolId)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
    const last = newer.at(-1)
    const documents = newer.map((s) => s.doc).filter((doc) => !this.hidden(doc))
    return json({ documents, checkpoint: { seq: last ? last.seq : since } })
  }

  private refusalOf(collection: CollectionName, user: SessionUser, row: PushRow): Response | null {
    const validation = validateDocument(collection, row.newDocumentState)
    if (!validation.ok) return json({ error: 'invalid_document', message: validation.errors.join('; ') }, 400)
    const stored = this.docs.get(`${collection}/${row.newDocumentState.id}`)?.doc ?? null
    const next = withoutDeleted(row.newDocumentState)
    const permission = checkWrite(user, next, stored && withoutDeleted(stored))
    if (!permission.ok) return json({ error: 'forbidden', message: permission.reason }, 403)
    const refusal = this.refuse(row.newDocumentState)
    return refusal ? json({ error: 'invalid_document', message: refusal }, 400) : null
  }

  private push(collection: CollectionName, user: SessionUser, rows: PushRow[]): Response {
    for (const row of rows) {
      const refused = this.refusalOf(collection, user, row)
      if (refused) return refused
    }
    const conflicts: WireDocument[] = []
    const written: WireDocument[] = []
    for (const { assumedMasterState, newDocumentState } of rows) {
      const stored = this.docs.get(`${collection}/${newDocumentState.id}`)?.doc
      if (stored && deepEqual(stored, newDocumentState)) continue
      const agrees = stored ? deepEqual(stored, assumedMasterState) : assumedMasterState === null
      if (!agrees && stored) conflicts.push(stored)
      if (!agrees) continue
      this.store(collection, newDocumentState)
      written.push(newDocumentState)
    }
    if (written.length > 0) this.broadcast('change', this.changeOf(collection, written))
    return json(conflicts)
  }

  private store(collection: CollectionName, doc: WireDocument): void {
    this.seq += 1
    this.docs.set(`${collection}/${doc.id}`, { collection, doc, seq: this.seq })
  }

  private changeOf(collection: CollectionName, documents: WireDocument[]) {
    const seqs = documents.map((d) => this.docs.get(`${collection}/${d.id}`)?.seq ?? 0)
    return { collection, documents, checkpoint: { seq: Math.max(...seqs) } }
  }

  private stream(
    signal: AbortSignal | undefined,
    linkStreams: Set<ReadableStreamDefaultController<Uint8Array>>,
  ): Response {
    let controller!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c
        linkStreams.add(c)
        this.streams.add(c)
        c.enqueue(encoder.encode(': connected\n\n'))
      },
      cancel: () => {
        this.streams.delete(controller)
      },
    })
    signal?.addEventListener('abort', () => this.closeStream(controller))
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
  }

  private broadcast(event: string, data: unknown): void {
    const bytes = encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    this.streams.forEach((c) => c.enqueue(bytes))
  }
}
