import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import {
  ADMIN,
  bearer,
  GUARDIAN,
  login,
  OTHER_SCHOOL_ADMIN,
  startTestApp,
  TEACHER,
  type TestApp,
} from '../../../test-support/app.ts'
import { BlobFiles } from '../../../blobs/blob-files.ts'
import { describeEachStore, tempDir } from '../../../test-support/stores.ts'

const MAX_BYTES = 2048
/** Every byte value, four times over. */
const BYTES = new Uint8Array(1024).map((_, i) => i % 256)

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const SHA = sha256Of(BYTES)

/** A body sent in chunks without a Content-Length (chunked transfer encoding). */
function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    },
  })
}

describeEachStore('/api/blobs ($name)', (factory) => {
  let server: TestApp
  let blobDir: string
  let token: string

  beforeEach(async () => {
    blobDir = tempDir('campus-desk-blobs-')
    server = await startTestApp(factory, { blobDir, blobMaxBytes: MAX_BYTES, listen: true })
    token = (await login(server, ADMIN)).accessToken
  })
  afterEach(async () => {
    await server.close()
    rmSync(blobDir, { recursive: true, force: true })
  })

  function request(
    method: 'PUT' | 'GET' | 'HEAD',
    sha256: string,
    headers: Record<string, string> = {},
    body?: RequestInit['body'],
    accessToken: string | null = token,
  ): Promise<Response> {
    return fetch(`${server.url}/api/blobs/${sha256}`, {
      method,
      headers: { ...(accessToken ? bearer(accessToken) : {}), ...headers },
      body,
      duplex: 'half',
    } as RequestInit)
  }

  const upload = (bytes: Uint8Array, sha256 = sha256Of(bytes), headers: Record<string, string> = {}) =>
    request('PUT', sha256, headers, bytes)

  const tempFiles = () => readdirSync(join(blobDir, '.tmp'))

  async function expectError(response: Response, status: number, error: string, ...inMessage: string[]) {
    expect(response.status).toBe(status)
    const body = (await response.json()) as { error: string; message: string }
    expect(body.error).toBe(error)
    for (const part of inMessage) expect(body.message).toContain(part)
  }

  it('stores binary bytes under their hash and gives them back, with their headers', async () => {
    const put = await upload(BYTES, SHA, { 'content-type': 'image/png' })
    expect(put.status).toBe(201)
    expect(await put.json()).toEqual({ sha256: SHA, size: 1024, mime: 'image/png' })
    expect(readFileSync(join(blobDir, 'demo', SHA.slice(0, 2), SHA))).toEqual(Buffer.from(BYTES))
    expect(tempFiles()).toEqual([])

    const head = await request('HEAD', SHA)
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('1024')
    expect(head.headers.get('content-type')).toBe('image/png')
    expect(head.headers.get('etag')).toBe(`"${SHA}"`)

    const get = await request('GET', SHA)
    expect(get.status).toBe(200)
    expect(new Uint8Array(await get.arrayBuffer())).toEqual(BYTES)
    expect(Object.fromEntries(get.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': '1024',
      etag: `"${SHA}"`,
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    })
  })

  it('answers a repeated upload with 200 and keeps the first', async () => {
    expect((await upload(BYTES, SHA, { 'content-type': 'image/png' })).status).toBe(201)
    const again = await upload(BYTES, SHA, { 'content-type': 'text/plain' })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ sha256: SHA, size: 1024, mime: 'image/png' })
  })

  it('keeps any body as bytes: JSON, no type at all, empty', async () => {
    const json = new TextEncoder().encode('{"not": "parsed"}')
    const asJson = await upload(json, sha256Of(json), { 'content-type': 'application/json' })
    expect(await asJson.json()).toMatchObject({ size: json.length, mime: 'application/json' })
    expect(await (await request('GET', sha256Of(json))).text()).toBe('{"not": "parsed"}')

    const untyped = await upload(BYTES)
    expect(await untyped.json()).toMatchObject({ mime: 'application/octet-stream' })

    const empty = new Uint8Array(0)
    const put = await upload(empty)
    expect(put.status).toBe(201)
    expect(await put.json()).toMatchObject({ size: 0 })
    const get = await request('GET', sha256Of(empty), { range: 'bytes=0-' })
    expect(get.status).toBe(200)
    expect(await get.text()).toBe('')
  })

  it('refuses bytes that do not hash to the address, keeping nothing', async () => {
    const wrong = 'f'.repeat(64)
    await expectError(await upload(BYTES, wrong), 400, 'hash_mismatch', wrong, SHA)
    expect((await request('HEAD', wrong)).status).toBe(404)
    expect(await server.store.findBlob('demo', wrong)).toBeNull()
    expect(existsSync(new BlobFiles(blobDir).pathOf('demo', wrong))).toBe(false)
    expect(existsSync(new BlobFiles(blobDir).pathOf('demo', SHA))).toBe(false)
    expect(tempFiles()).toEqual([])
  })

  it('refuses a blob over the limit by its Content-Length, before reading it', async () => {
    const big = new Uint8Array(MAX_BYTES + 1)
    await expectError(await upload(big), 413, 'too_large', String(MAX_BYTES))
    expect(await server.store.findBlob('demo', sha256Of(big))).toBeNull()
  })

  it('refuses a streamed blob once it passes the limit, without reading the rest', async () => {
    const chunks = 32
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === chunks) controller.close()
        else controller.enqueue(new Uint8Array(1024 * 1024))
      },
    })
    // The server answers 413 and closes without reading the rest. A client still sending may find the connection
    // gone before it reads that answer (only reading the whole body would avoid it, which is what the limit prevents).
    const response = await request('PUT', SHA, {}, body).catch((error: unknown) => error)
    if (response instanceof Response) {
      expect(response.headers.get('connection')).toBe('close')
      await expectError(response, 413, 'too_large', String(MAX_BYTES))
    } else {
      expect(String((response as Error).cause)).toMatch(/EPIPE|ECONNRESET|other side closed/)
    }
    expect(sent).toBeLessThan(chunks)
    expect(await server.store.findBlob('demo', SHA)).toBeNull()
    expect(tempFiles()).toEqual([])

    const fits = new Uint8Array(MAX_BYTES).fill(7)
    const streamed = await request(
      'PUT',
      sha256Of(fits),
      {},
      streamOf([fits.subarray(0, 1000), fits.subarray(1000)]),
    )
    expect(streamed.status).toBe(201)
  })

  it('wants an access token', async () => {
    for (const method of ['PUT', 'GET', 'HEAD'] as const)
      expect((await request(method, SHA, {}, method === 'PUT' ? BYTES : undefined, null)).status).toBe(401)
    expect(await server.store.findBlob('demo', SHA)).toBeNull()
  })

  it("keeps each school's blobs to itself", async () => {
    await upload(BYTES)
    const other = (await login(server, OTHER_SCHOOL_ADMIN)).accessToken
    expect((await request('HEAD', SHA, {}, undefined, other)).status).toBe(404)
    await expectError(await request('GET', SHA, {}, undefined, other), 404, 'not_found', SHA)
    expect((await request('PUT', SHA, {}, BYTES, other)).status).toBe(201)
  })

  it('lets guardians and students read only the blobs they uploaded; staff read all of the school', async () => {
    await upload(BYTES)
    const guardian = (await login(server, GUARDIAN)).accessToken
    expect((await request('HEAD', SHA, {}, undefined, guardian)).status).toBe(404)
    await expectError(await request('GET', SHA, {}, undefined, guardian), 404, 'not_found', SHA)
    const teacher = (await login(server, TEACHER)).accessToken
    expect((await request('GET', SHA, {}, undefined, teacher)).status).toBe(200)

    const own = new Uint8Array(100).fill(3)
    expect((await request('PUT', sha256Of(own), {}, own, guardian)).status).toBe(201)
    expect((await request('HEAD', sha256Of(own), {}, undefined, guardian)).status).toBe(200)
    const read = await request('GET', sha256Of(own), {}, undefined, guardian)
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(own)
  })

  it('limits uploads by role: the size of a blob and the bytes a user stores in 24 hours', async () => {
    let now = 1_000_000
    const limited = await startTestApp(factory, {
      blobDir,
      listen: true,
      clock: () => now,
      blobAllowances: {
        staff: { maxBytes: 1000, dailyBytes: 2500 },
        family: { maxBytes: 400, dailyBytes: 600 },
      },
    })
    const put = (bytes: Uint8Array, accessToken: string, body: RequestInit['body'] = bytes) =>
      fetch(`${limited.url}/api/blobs/${sha256Of(bytes)}`, {
        method: 'PUT',
        headers: bearer(accessToken),
        body,
        duplex: 'half',
      } as RequestInit)
    const bytes = (size: number, fill: number) => new Uint8Array(size).fill(fill)
    try {
      const staff = (await login(limited, ADMIN)).accessToken
      const family = (await login(limited, GUARDIAN)).accessToken
      await expectError(await put(bytes(1001, 1), staff), 413, 'too_large', '1000')
      await expectError(await put(bytes(401, 1), family), 413, 'too_large', '400')
      expect((await put(bytes(400, 2), family)).status).toBe(201)
      await expectError(await put(bytes(201, 3), family), 429, 'upload_quota', '600')
      expect((await put(bytes(200, 4), family)).status).toBe(201)

      expect((await put(bytes(1000, 5), staff)).status).toBe(201)
      now += 12 * 3_600_000
      expect((await put(bytes(1000, 6), staff)).status).toBe(201)
      const streamed = bytes(600, 7)
      const overQuota = await put(
        streamed,
        staff,
        streamOf([streamed.subarray(0, 300), streamed.subarray(300)]),
      )
      await expectError(overQuota, 429, 'upload_quota', '2500')
      expect(await limited.store.findBlob('demo', sha256Of(streamed))).toBeNull()
      expect((await put(bytes(500, 8), staff)).status).toBe(201)
      now += 12 * 3_600_000
      expect((await put(streamed, staff)).status).toBe(201)
    } finally {
      await limited.close()
    }
  })

  it('answers 404 for a blob never uploaded', async () => {
    expect((await request('HEAD', SHA)).status).toBe(404)
    await expectError(await request('GET', SHA), 404, 'not_found', SHA)
  })

  it('says whether a blob is kept with a 200 either way, as the caller may read it (the upload check)', async () => {
    const exists = async (sha256: string, accessToken: string | null = token) => {
      const response = await fetch(`${server.url}/api/blobs/${sha256}/exists`, {
        headers: accessToken ? bearer(accessToken) : {},
      })
      return { status: response.status, body: (await response.json()) as unknown }
    }
    expect(await exists(SHA)).toEqual({ status: 200, body: { exists: false } })
    await upload(BYTES)
    expect(await exists(SHA)).toEqual({ status: 200, body: { exists: true } })

    const guardian = (await login(server, GUARDIAN)).accessToken
    expect(await exists(SHA, guardian)).toEqual({ status: 200, body: { exists: false } })
    const other = (await login(server, OTHER_SCHOOL_ADMIN)).accessToken
    expect(await exists(SHA, other)).toEqual({ status: 200, body: { exists: false } })

    rmSync(new BlobFiles(blobDir).pathOf('demo', SHA))
    expect(await exists(SHA)).toEqual({ status: 200, body: { exists: false } })

    expect((await exists(SHA, null)).status).toBe(401)
    expect(await exists(SHA.toUpperCase())).toMatchObject({ status: 400, body: { error: 'bad_hash' } })
  })

  it('serves single byte ranges and refuses unsatisfiable ones', async () => {
    await upload(BYTES)
    const cases: [string, number, number][] = [
      ['bytes=0-9', 0, 9],
      ['bytes=-10', 1014, 1023],
      ['bytes=5-', 5, 1023],
    ]
    for (const [range, start, end] of cases) {
      const response = await request('GET', SHA, { range })
      expect(response.status).toBe(206)
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/1024`)
      expect(response.headers.get('content-length')).toBe(String(end - start + 1))
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(BYTES.subarray(start, end + 1))
    }

    const unsatisfiable = await request('GET', SHA, { range: 'bytes=1024-' })
    expect(unsatisfiable.status).toBe(416)
    expect(unsatisfiable.headers.get('content-range')).toBe('bytes */1024')

    const several = await request('GET', SHA, { range: 'bytes=0-1,10-11' })
    expect(several.status).toBe(200)
    expect((await several.arrayBuffer()).byteLength).toBe(1024)
  })

  it('answers 304 when the client already has the bytes', async () => {
    await upload(BYTES)
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await request(method, SHA, { 'if-none-match': `"${SHA}"` })
      expect(response.status).toBe(304)
      expect(response.headers.get('etag')).toBe(`"${SHA}"`)
    }
    expect((await request('GET', SHA, { 'if-none-match': '"other"' })).status).toBe(200)
  })

  it('refuses an address that is not a lower-case hex SHA-256', async () => {
    for (const bad of [SHA.toUpperCase(), SHA.slice(1), `${SHA.slice(1)}g`]) {
      await expectError(await request('PUT', bad, {}, BYTES), 400, 'bad_hash', bad)
      await expectError(await request('GET', bad), 400, 'bad_hash')
    }
  })
})
