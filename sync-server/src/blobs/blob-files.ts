import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** The body was longer than the limit; nothing was kept. */
export class BlobTooLargeError extends Error {
  readonly maxBytes: number

  constructor(maxBytes: number) {
    super(`The blob is larger than the limit of ${maxBytes} bytes`)
    this.name = 'BlobTooLargeError'
    this.maxBytes = maxBytes
  }
}

/** The bytes do not hash to the address they were sent to; nothing was kept. */
export class BlobHashMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`The bytes hash to SHA-256 ${actual}, not to ${expected}`)
    this.name = 'BlobHashMismatchError'
  }
}

/** An inclusive byte range, as in a `Range` header. */
export interface ByteRange {
  start: number
  end: number
}

const TEMP_FOLDER = '.tmp'

/** A school id as one safe path segment (never `.`, `..` or containing a separator). */
function schoolFolder(schoolId: string): string {
  return encodeURIComponent(schoolId).replaceAll('.', '%2E')
}

/**
 * The bytes of blobs as files, content-addressed per school: `<root>/<school>/<sha256[0:2]>/<sha256>`. A blob is
 * written to a temporary file of its own (a random name in `<root>/.tmp`, on the same file system), flushed to
 * disk and renamed into place once its hash is verified, so a crash never leaves a partial blob under its final
 * name. Several instances may share the root (`BLOB_DIR`, issue 16): two uploads of one blob at once each write
 * their own file and each rename is atomic, so the blob is always one whole copy of the (same) bytes.
 */
export class BlobFiles {
  readonly #root: string

  constructor(root: string) {
    this.#root = root
  }

  pathOf(schoolId: string, sha256: string): string {
    return join(this.#root, schoolFolder(schoolId), sha256.slice(0, 2), sha256)
  }

  /**
   * Streams `body` to disk while hashing it and keeps it as blob `sha256` of the school; returns its size. Throws
   * `BlobTooLargeError` past `maxBytes` and `BlobHashMismatchError` for other bytes, keeping nothing. The body is
   * left undestroyed on failure, so an error answer can still go out on its connection.
   */
  async write(schoolId: string, sha256: string, body: Readable, maxBytes: number): Promise<number> {
    const tempPath = await this.#tempPath()
    try {
      const { actual, size } = await receive(body, tempPath, maxBytes)
      if (actual !== sha256) throw new BlobHashMismatchError(sha256, actual)
      const path = this.pathOf(schoolId, sha256)
      await mkdir(join(path, '..'), { recursive: true })
      await rename(tempPath, path)
      return size
    } catch (error) {
      await rm(tempPath, { force: true })
      throw error
    }
  }

  async exists(schoolId: string, sha256: string): Promise<boolean> {
    try {
      await access(this.pathOf(schoolId, sha256))
      return true
    } catch {
      return false
    }
  }

  /** The blob's bytes (those of `range` only, when given). */
  read(schoolId: string, sha256: string, range?: ByteRange): ReadStream {
    return createReadStream(this.pathOf(schoolId, sha256), range)
  }

  /**
   * Removes temporary files older than `maxAgeMs`: what uploads cut short by a crash left behind. Younger ones may
   * belong to an upload still running on another instance sharing the folder.
   */
  async sweepTemporaryFiles(maxAgeMs: number, now = Date.now()): Promise<number> {
    const folder = join(this.#root, TEMP_FOLDER)
    const names = await readdir(folder).catch(() => [])
    let removed = 0
    for (const name of names) {
      const path = join(folder, name)
      const { mtimeMs } = await stat(path)
      if (now - mtimeMs < maxAgeMs) continue
      await rm(path, { force: true })
      removed += 1
    }
    return removed
  }

  async #tempPath(): Promise<string> {
    const folder = join(this.#root, TEMP_FOLDER)
    await mkdir(folder, { recursive: true })
    return join(folder, randomUUID())
  }
}

/** Copies `body` to a new file at `path`, hashing and counting the bytes on the way. */
async function receive(
  body: Readable,
  path: string,
  maxBytes: number,
): Promise<{ actual: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  await pipeline(
    // Not destroyed on failure: destroying a request closes its socket before the answer is sent.
    body.iterator({ destroyOnReturn: false }),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        size += chunk.length
        if (size > maxBytes) throw new BlobTooLargeError(maxBytes)
        hash.update(chunk)
        yield chunk
      }
    },
    // `flush`: the bytes reach the disk before the rename makes them the blob (a crash after it keeps them).
    createWriteStream(path, { flags: 'wx', flush: true }),
  )
  return { actual: hash.digest('hex'), size }
}
