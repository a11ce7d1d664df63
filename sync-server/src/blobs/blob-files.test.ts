import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BlobFiles } from './blob-files.ts'

describe('BlobFiles.pathOf', () => {
  const files = new BlobFiles('/blobs')
  const sha = 'ab'.repeat(32)

  it('files a blob under its school and the first two digits of its hash', () => {
    expect(files.pathOf('demo', sha)).toBe(join('/blobs', 'demo', 'ab', sha))
  })

  it('keeps any school id to one folder inside the root', () => {
    expect(files.pathOf('..', sha)).toBe(join('/blobs', '%2E%2E', 'ab', sha))
    expect(files.pathOf('a/../b', sha)).toBe(join('/blobs', 'a%2F%2E%2E%2Fb', 'ab', sha))
  })
})

describe('BlobFiles.sweepTemporaryFiles', () => {
  it('removes the temporary files of uploads cut short long ago and keeps recent ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'blobs-'))
    const temp = join(root, '.tmp')
    await mkdir(temp)
    await writeFile(join(temp, 'old'), 'x')
    await writeFile(join(temp, 'recent'), 'y')
    const dayAgo = (Date.now() - 25 * 3_600_000) / 1000
    await utimes(join(temp, 'old'), dayAgo, dayAgo)
    const files = new BlobFiles(root)
    expect(await files.sweepTemporaryFiles(24 * 3_600_000)).toBe(1)
    expect(await readdir(temp)).toEqual(['recent'])
    expect(await new BlobFiles(join(root, 'none')).sweepTemporaryFiles(1)).toBe(0)
  })
})
