import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { appOrigins, PACKAGED_FEED_URL, serverUrlFrom, updateFeedUrl } from './launch-options.ts'

describe('serverUrlFrom', () => {
  it('reads --server-url and normalises it', () => {
    expect(serverUrlFrom(['electron', '.', '--server-url=http://localhost:7420/'], {})).toBe(
      'http://localhost:7420',
    )
    expect(serverUrlFrom(['x', '--server-url=https://school.example/campus/?a=1#b'], {})).toBe(
      'https://school.example/campus',
    )
  })

  it('prefers the argument to the environment, and falls back to it', () => {
    const env = { CAMPUS_DESK_SERVER_URL: 'http://10.0.0.5:7420' }
    expect(serverUrlFrom(['x', '--server-url=http://localhost:7420'], env)).toBe('http://localhost:7420')
    expect(serverUrlFrom(['x'], env)).toBe('http://10.0.0.5:7420')
  })

  it('ignores anything that is not a plain http(s) URL', () => {
    expect(serverUrlFrom(['x'], {})).toBeNull()
    expect(serverUrlFrom(['x', '--server-url=javascript:alert(1)'], {})).toBeNull()
    expect(serverUrlFrom(['x', '--server-url=http://admin:pw@school.example'], {})).toBeNull()
    expect(serverUrlFrom(['x', '--server-url='], {})).toBeNull()
  })
})

describe('updateFeedUrl', () => {
  it('uses UPDATE_FEED_URL first', () => {
    expect(
      updateFeedUrl({ UPDATE_FEED_URL: 'https://updates.school.example/desk' }, 'http://localhost:7420'),
    ).toBe('https://updates.school.example/desk/')
  })

  it("falls back to the sync server's /updates/", () => {
    expect(updateFeedUrl({}, 'http://localhost:7420')).toBe('http://localhost:7420/updates/')
    expect(updateFeedUrl({ UPDATE_FEED_URL: 'file:///tmp/feed' }, 'https://s.example')).toBe(
      'https://s.example/updates/',
    )
  })

  it('falls back to the packaged feed, the one electron-builder.yml publishes to', () => {
    expect(updateFeedUrl({}, null)).toBe(PACKAGED_FEED_URL)
    const builderConfig = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')
    expect(builderConfig).toMatch(/^publish:\n {2}provider: generic\n {2}url: (.+)$/m)
    expect(/^ {2}url: (.+)$/m.exec(builderConfig)?.[1]).toBe(PACKAGED_FEED_URL)
  })
})

describe('appOrigins', () => {
  it('is the app origin alone in an installed app, whatever the environment says', () => {
    expect(appOrigins('http://evil.example:5173', true)).toEqual(['app://campus-desk'])
  })

  it('adds the dev server during development', () => {
    expect(appOrigins('http://localhost:5173/', false)).toEqual([
      'app://campus-desk',
      'http://localhost:5173',
    ])
    expect(appOrigins(undefined, false)).toEqual(['app://campus-desk'])
  })
})
