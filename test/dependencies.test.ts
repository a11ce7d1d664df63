import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }
const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version

describe('dependencies whose internals the app reads', () => {
  // renderer/src/db/pending.ts reads RxDB's replication internals (pinned by renderer/src/db/pending.test.ts);
  // renderer/src/db/empty-start-storage.ts wraps RxDB's Dexie storage. An upgrade must be a deliberate change.
  it.each(['rxdb', 'dexie'])('pins %s to an exact version, the one installed', (name) => {
    expect(manifest.dependencies[name]).toMatch(/^\d+\.\d+\.\d+$/)
    expect(installedVersion(name)).toBe(manifest.dependencies[name])
  })
})
