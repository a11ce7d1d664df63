import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isBuildStale, newestModificationTime } from './build-freshness.ts'

describe('isBuildStale', () => {
  it('is fresh when every output is newer than the inputs', () => {
    expect(isBuildStale([200, 300, 250], 100)).toBe(false)
  })

  it('is stale when an output is missing or older than an input', () => {
    expect(isBuildStale([200, null, 250], 100)).toBe(true)
    expect(isBuildStale([200, 300, 250], 260)).toBe(true)
  })
})

describe('newestModificationTime', () => {
  let dir: string

  function file(path: string, seconds: number): void {
    const full = join(dir, path)
    mkdirSync(join(full, '..'), { recursive: true })
    writeFileSync(full, '')
    utimesSync(full, seconds, seconds)
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'campus-desk-build-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('finds the newest file in folders and files, recursively', () => {
    file('renderer/src/app/a.ts', 100)
    file('renderer/src/deep/er/b.vue', 300)
    file('package.json', 200)
    expect(newestModificationTime(dir, ['renderer', 'package.json', 'missing'])).toBe(300_000)
  })

  it('ignores tests and node_modules, which do not change the build', () => {
    file('electron/main/index.ts', 100)
    file('electron/main/index.test.ts', 900)
    file('electron/node_modules/x/index.js', 900)
    expect(newestModificationTime(dir, ['electron'])).toBe(100_000)
  })
})
