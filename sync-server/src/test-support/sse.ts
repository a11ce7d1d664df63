export interface SseMessage {
  /** `comment` for `: …` lines (heartbeats). */
  event: string
  data: unknown
}

type Waiter = { match: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }

function parse(block: string): SseMessage {
  const lines = block.split('\n')
  if (lines.every((line) => line.startsWith(':'))) return { event: 'comment', data: block.slice(1).trim() }
  const field = (name: string) =>
    lines
      .filter((line) => line.startsWith(`${name}: `))
      .map((line) => line.slice(name.length + 2))
      .join('\n')
  return { event: field('event') || 'message', data: JSON.parse(field('data')) }
}

/** Reads a sync stream the way the renderer does: `fetch` with an Authorization header, not EventSource. */
export class SseClient {
  readonly messages: SseMessage[] = []
  readonly #controller = new AbortController()
  #waiters: Waiter[] = []
  /** Woken by every message and by the end. */
  #wakeUps: (() => void)[] = []
  #ended = false
  #resolveEnded: () => void = () => undefined
  /** Settles when the server has ended the stream (or `close()` did). */
  readonly whenEnded = new Promise<void>((resolve) => (this.#resolveEnded = resolve))

  static async connect(
    url: string,
    accessToken?: string,
  ): Promise<{ status: number; client: SseClient | null }> {
    const client = new SseClient()
    const response = await fetch(url, {
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
      signal: client.#controller.signal,
    })
    if (!response.ok || !response.body) return { status: response.status, client: null }
    void client.#read(response.body)
    return { status: response.status, client }
  }

  get ended(): boolean {
    return this.#ended
  }

  /** The first message (already received or still to come) that matches; fails after `timeoutMs`. */
  next(match: (m: SseMessage) => boolean, timeoutMs = 20_000): Promise<SseMessage> {
    const seen = this.messages.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching stream message in time')), timeoutMs)
      this.#waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer)
          resolve(m)
        },
      })
    })
  }

  /** Settles once more than `count` messages have arrived, or the stream has ended. */
  async whenMoreThan(count: number): Promise<void> {
    while (this.messages.length <= count && !this.#ended)
      await new Promise<void>((resolve) => this.#wakeUps.push(resolve))
  }

  close(): void {
    this.#controller.abort()
  }

  #wakeAll(): void {
    const wakeUps = this.#wakeUps
    this.#wakeUps = []
    for (const wakeUp of wakeUps) wakeUp()
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    let buffer = ''
    const decoder = new TextDecoder()
    const reader = body.getReader()
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.#receive(parse(buffer.slice(0, end)))
          buffer = buffer.slice(end + 2)
        }
      }
    } catch {
      // aborted by close()
    } finally {
      this.#ended = true
      this.#resolveEnded()
      this.#wakeAll()
    }
  }

  #receive(message: SseMessage): void {
    this.messages.push(message)
    const waiting = this.#waiters.filter((w) => w.match(message))
    this.#waiters = this.#waiters.filter((w) => !w.match(message))
    for (const waiter of waiting) waiter.resolve(message)
    this.#wakeAll()
  }
}
