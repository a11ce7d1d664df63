// How the scale-out benches' load generator reads a sync stream (issue 16): a bare TCP socket whose bytes arrive in
// one reused buffer (`onread`: no stream machinery, no HTTP parser object per stream, no Buffer per read), the
// response head checked and the chunked framing taken off by hand. At 100,000 and more deliveries a second the
// reader's own CPU shares the cores with the servers it measures, so each microsecond it saves is theirs.
import { connect } from 'node:net'

const HEAD_END = Buffer.from('\r\n\r\n')
const CRLF_BYTES = 2
const LF = 0x0a
const READ_BUFFER_BYTES = 64 * 1024
const CHUNKED = /^transfer-encoding:\s*chunked\s*$/im

export interface RawStreamHandlers {
  /** Body bytes, framing removed, in order; the memory is reused once this returns. */
  onBody(bytes: Buffer): void
  onClose(): void
}

export interface RawStream {
  close(): void
}

/**
 * Takes the chunked transfer coding off a body fed in arbitrary pieces (RFC 9112 §7.1): hands on each chunk's data
 * as it arrives, however the size lines and the data were split. Extensions and trailers are not expected here.
 */
export class Dechunker {
  readonly #onData: (bytes: Buffer) => void
  /** Data bytes left in the current chunk, then its closing CRLF (2 bytes) still to skip. */
  #dataLeft = 0
  #crlfLeft = 0
  /** The part of a size line received so far. */
  #sizeLine = ''

  constructor(onData: (bytes: Buffer) => void) {
    this.#onData = onData
  }

  feed(bytes: Buffer): void {
    let at = 0
    while (at < bytes.length) {
      if (this.#dataLeft > 0) {
        const end = Math.min(bytes.length, at + this.#dataLeft)
        this.#onData(bytes.subarray(at, end))
        this.#dataLeft -= end - at
        at = end
      } else if (this.#crlfLeft > 0) {
        const skipped = Math.min(this.#crlfLeft, bytes.length - at)
        this.#crlfLeft -= skipped
        at += skipped
      } else {
        at = this.#readSizeLine(bytes, at)
      }
    }
  }

  #readSizeLine(bytes: Buffer, at: number): number {
    // Up to the LF: a piece may end between the line's CR and LF.
    const lineEnd = bytes.indexOf(LF, at)
    if (lineEnd < 0) {
      this.#sizeLine += bytes.toString('latin1', at)
      return bytes.length
    }
    const line = (this.#sizeLine + bytes.toString('latin1', at, lineEnd)).trimEnd()
    this.#sizeLine = ''
    const size = Number.parseInt(line, 16)
    if (Number.isNaN(size)) throw new Error(`a bench stream sent a chunk size line ${JSON.stringify(line)}`)
    this.#dataLeft = size
    this.#crlfLeft = CRLF_BYTES
    return lineEnd + 1
  }
}

/** The status code of a response head, e.g. 200 for `HTTP/1.1 200 OK`. */
const statusOf = (head: string) => Number(head.split(' ', 2)[1])

/**
 * `GET url` with `headers` over a bare socket. Resolves once the response head says 200 (rejects otherwise, or when
 * the connection fails first); then hands the body to `handlers.onBody` as it arrives.
 */
export function openRawEventStream(
  url: string,
  headers: Record<string, string>,
  handlers: RawStreamHandlers,
): Promise<RawStream> {
  const { hostname, port, pathname } = new URL(url)
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0)
    let feedBody: ((bytes: Buffer) => void) | undefined
    const readHead = (bytes: Buffer) => {
      head = Buffer.concat([head, bytes])
      const headEnd = head.indexOf(HEAD_END)
      if (headEnd < 0) return
      const text = head.toString('latin1', 0, headEnd)
      if (statusOf(text) !== 200) {
        socket.destroy()
        reject(new Error(`a bench stream answered ${statusOf(text)}`))
        return
      }
      const dechunker = new Dechunker((data) => handlers.onBody(data))
      feedBody = CHUNKED.test(text) ? (bytes) => dechunker.feed(bytes) : (bytes) => handlers.onBody(bytes)
      resolve({ close: () => socket.destroy() })
      feedBody(head.subarray(headEnd + HEAD_END.length))
    }
    const readBuffer = Buffer.alloc(READ_BUFFER_BYTES)
    const socket = connect({
      host: hostname,
      port: Number(port),
      onread: {
        buffer: readBuffer,
        callback: (bytesRead) => {
          const bytes = readBuffer.subarray(0, bytesRead)
          if (feedBody) feedBody(bytes)
          else readHead(bytes)
          return true
        },
      },
    })
    socket.on('connect', () => {
      const lines = Object.entries({ host: `${hostname}:${port}`, ...headers }).map(
        ([name, value]) => `${name}: ${value}`,
      )
      socket.write(`GET ${pathname} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`)
    })
    socket.on('error', (error) => {
      if (!feedBody) reject(error)
    })
    socket.on('close', () => {
      if (!feedBody) reject(new Error(`a bench stream of ${url} closed before its response`))
      handlers.onClose()
    })
  })
}
