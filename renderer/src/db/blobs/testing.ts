import { NetworkError, type ApiClient } from '../api-client.ts'
import { sha256Hex } from './hash.ts'

interface Kept {
  bytes: Uint8Array<ArrayBuffer>
  mime: string
}

/** A request the fake server saw: method (`CHECK` for `GET …/exists`), hash, and for a PUT its body and type. */
export interface SeenRequest {
  method: string
  sha256: string
  body?: Uint8Array<ArrayBuffer>
  contentType?: string | null
}

/**
 * The blob routes of the sync server (`/api/blobs/:sha256`), in memory, behind a fake `ApiClient`: set
 * `online` to false to make every request fail like a cut network, `outage` to answer 503.
 */
export class FakeBlobServer {
  online = true
  outage = false
  /** PUTs hang until their request is aborted (a big upload in flight). */
  stall = false
  maxSize = 1024 * 1024
  readonly requests: SeenRequest[] = []
  readonly kept = new Map<string, Kept>()
  readonly api: Pick<ApiClient, 'request'> = {
    request: (path, init) => this.handle(path, init),
  }

  put(sha256: string, bytes: Uint8Array<ArrayBuffer>, mime: string): void {
    this.kept.set(sha256, { bytes, mime })
  }

  count(method: string): number {
    return this.requests.filter((request) => request.method === method).length
  }

  private async handle(path: string, init: RequestInit = {}): Promise<Response> {
    if (!this.online) throw new NetworkError('fetch failed')
    const [, sha256, check] = /^\/api\/blobs\/([0-9a-f]{64})(\/exists)?$/.exec(path) ?? []
    if (!sha256) return json({ error: 'not_found' }, 404)
    const method = check ? 'CHECK' : (init.method ?? 'GET')
    const seen: SeenRequest = { method, sha256 }
    this.requests.push(seen)
    if (this.outage) return json({ error: 'unavailable' }, 503)
    const kept = this.kept.get(sha256)
    if (method === 'CHECK') return json({ exists: kept !== undefined }, 200)
    if (method === 'GET') {
      if (!kept) return json({ error: 'not_found' }, 404)
      return new Response(kept.bytes, { headers: { 'Content-Type': kept.mime } })
    }
    const body = new Uint8Array(await new Response(init.body).arrayBuffer())
    seen.body = body
    seen.contentType = new Headers(init.headers).get('Content-Type')
    if (this.stall) await abortOf(init.signal)
    if (body.length > this.maxSize) return json({ error: 'too_large' }, 413)
    if ((await sha256Hex(new Blob([body]))) !== sha256) return json({ error: 'hash_mismatch' }, 400)
    const existed = kept !== undefined
    this.put(sha256, body, seen.contentType ?? 'application/octet-stream')
    return json({ sha256, size: body.length, mime: seen.contentType }, existed ? 200 : 201)
  }
}

function abortOf(signal: AbortSignal | null | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    const abort = () => reject(new DOMException('The upload was aborted', 'AbortError'))
    if (signal?.aborted) abort()
    signal?.addEventListener('abort', abort)
  })
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}
