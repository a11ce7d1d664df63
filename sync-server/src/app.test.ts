import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './test-support/app.ts'
import { describeEachStore, SQLITE_FACTORY, tempDir } from './test-support/stores.ts'

describeEachStore('app ($name)', (factory) => {
  let server: TestApp
  afterEach(() => server.close())

  it('reports its health and store', async () => {
    server = await startTestApp(factory, { demo: false })
    const response = await server.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.json()).toEqual({
      ok: true,
      version: expect.any(String),
      store: factory.name,
      accounts: { failingSchools: 0 },
    })
  })
})

describe('app', () => {
  let server: TestApp
  let rendererDir: string
  beforeAll(async () => {
    rendererDir = tempDir('campus-desk-renderer-')
    mkdirSync(join(rendererDir, 'assets'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Campus Desk</title>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(rendererDir, 'sw.js'), 'importScripts("workbox-1.js")')
    writeFileSync(join(rendererDir, 'manifest.en.webmanifest'), '{}')
    server = await startTestApp(SQLITE_FACTORY, { demo: false, rendererDir })
  })
  afterAll(async () => {
    await server.close()
    rmSync(rendererDir, { recursive: true, force: true })
  })

  const get = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers })

  it('answers unknown routes and invalid requests with { error, message }', async () => {
    const missing = await get('/api/nothing')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ error: 'Not Found', message: 'Route GET /api/nothing not found' })
    const invalid = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { account: 1 },
    })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json()).toEqual({ error: 'Bad Request', message: expect.stringContaining('password') })
  })

  it('allows the desktop app and local development origins, and no others', async () => {
    const preflight = (origin: string) =>
      server.app.inject({
        method: 'OPTIONS',
        url: '/api/sync/catalog/pull',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      })
    for (const origin of ['app://campus-desk', 'http://localhost:5173', 'http://127.0.0.1:9000']) {
      const response = await preflight(origin)
      expect(response.headers['access-control-allow-origin']).toBe(origin)
      expect(String(response.headers['access-control-allow-headers'])).toContain('Authorization')
    }
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'app://other']) {
      expect((await preflight(origin)).headers['access-control-allow-origin']).toBeUndefined()
    }
    expect(
      (await get('/api/health', { origin: 'app://campus-desk' })).headers['access-control-allow-origin'],
    ).toBe('app://campus-desk')
  })

  it('serves the renderer under /app/ in web mode, with its routes falling back to index.html', async () => {
    const root = await get('/')
    expect(root.statusCode).toBe(302)
    expect(root.headers.location).toBe('/app/')
    expect((await get('/app/')).body).toContain('Campus Desk')
    expect((await get('/app/assets/app.js')).body).toBe('console.log(1)')
    expect((await get('/app/timetable/week')).body).toContain('Campus Desk')
    const missingAsset = await get('/app/assets/missing.js')
    expect(missingAsset.statusCode).toBe(404)
    expect(missingAsset.json()).toMatchObject({ error: 'Not Found' })
  })

  it('sends the app’s CSP (no framing, its service worker and manifest allowed) and nosniff under /app/', async () => {
    const paths = [
      '/app/',
      '/app/index.html',
      '/app/sw.js',
      '/app/manifest.en.webmanifest',
      '/app/assets/app.js',
      '/app/timetable/week',
      '/app/assets/missing.js',
    ]
    for (const path of paths) {
      const { headers } = await get(path)
      const directives = String(headers['content-security-policy']).split('; ')
      expect(directives, path).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "worker-src 'self'",
          "manifest-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "frame-ancestors 'none'",
        ]),
      )
      expect(headers['x-content-type-options'], path).toBe('nosniff')
      expect(headers['x-frame-options'], path).toBe('DENY')
    }
  })
})
