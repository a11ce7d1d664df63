import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

describe('loadConfig', () => {
  it('has the defaults of DESIGN §3', () => {
    const config = loadConfig({})
    expect(config).toEqual({
      port: 7420,
      host: '0.0.0.0',
      dataDir: resolve('data'),
      store: { kind: 'sqlite', file: join(resolve('data'), 'campus-desk.sqlite') },
      publicUrl: 'http://localhost:7420',
      demo: false,
      demoTimetable: true,
      rendererDir: resolve('out/renderer'),
      authSecret: undefined,
      qrTicketTtlMs: undefined,
      blobDir: join(resolve('data'), 'blobs'),
      blobMaxBytes: undefined,
      trustProxy: false,
      sessionIdleDays: undefined,
      sessionMaxAgeDays: undefined,
      streamCoalesceMs: 10,
      listenBacklog: undefined,
      redis: undefined,
    })
  })

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/cd',
      DATABASE_URL: 'postgres://u@db:5432/campus',
      PUBLIC_URL: 'https://school.example/',
      DEMO: '1',
      DEMO_TIMETABLE: '0',
      RENDERER_DIR: '/srv/renderer',
      AUTH_SECRET: 's3cret',
      QR_TICKET_TTL_MS: '30000',
      BLOB_DIR: '/srv/blobs',
      BLOB_MAX_BYTES: '1048576',
      TRUST_PROXY: 'true',
      SESSION_IDLE_DAYS: '7',
      SESSION_MAX_AGE_DAYS: '30',
      REDIS_URL: 'redis://cache:6379',
      REDIS_PREFIX: 'city:',
      STREAM_COALESCE_MS: '0',
      LISTEN_BACKLOG: '4096',
    })
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/tmp/cd',
      store: { kind: 'postgres', url: 'postgres://u@db:5432/campus' },
      publicUrl: 'https://school.example',
      demo: true,
      demoTimetable: false,
      rendererDir: '/srv/renderer',
      authSecret: 's3cret',
      qrTicketTtlMs: 30_000,
      blobDir: '/srv/blobs',
      blobMaxBytes: 1_048_576,
      trustProxy: true,
      sessionIdleDays: 7,
      sessionMaxAgeDays: 30,
      streamCoalesceMs: 0,
      listenBacklog: 4096,
      redis: { url: 'redis://cache:6379', prefix: 'city:' },
    })
  })

  it('gives Redis keys the campus-desk: prefix unless REDIS_PREFIX is set', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'campus-desk:',
    })
  })

  it('keeps blobs in DATA_DIR unless BLOB_DIR is set', () => {
    expect(loadConfig({ DATA_DIR: '/d' }).blobDir).toBe('/d/blobs')
    expect(loadConfig({ DATA_DIR: '/d', BLOB_DIR: 'shared/blobs' }).blobDir).toBe(resolve('shared/blobs'))
  })

  it('keeps SQLite for a DATABASE_URL that is not PostgreSQL and refuses a bad port, TTL or size', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://x', DATA_DIR: '/d' }).store).toEqual({
      kind: 'sqlite',
      file: '/d/campus-desk.sqlite',
    })
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT')
    expect(() => loadConfig({ QR_TICKET_TTL_MS: '2 minutes' })).toThrow('QR_TICKET_TTL_MS')
    expect(() => loadConfig({ BLOB_MAX_BYTES: '50MB' })).toThrow('BLOB_MAX_BYTES is not a number of bytes')
    expect(() => loadConfig({ BLOB_MAX_BYTES: '0' })).toThrow('BLOB_MAX_BYTES')
    expect(() => loadConfig({ SESSION_IDLE_DAYS: '2w' })).toThrow('SESSION_IDLE_DAYS is not a number of days')
    expect(() => loadConfig({ STREAM_COALESCE_MS: '-1' })).toThrow('STREAM_COALESCE_MS')
  })
})
