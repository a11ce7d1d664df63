import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../../test-support/app.ts'
import { SQLITE_FACTORY } from '../../test-support/stores.ts'
import { MOBILE_CSP } from './index.ts'

const PAGE_TESTS = {
  '/m/login': [
    'm-login-form',
    'm-account',
    'm-password',
    'm-submit',
    'm-error',
    'm-change-form',
    'm-new-password',
    'm-confirm-password',
    'm-change-submit',
    'm-identities',
  ],
  '/m/': ['m-home', 'm-user-name', 'm-logout', 'm-switch', 'm-notices-link', 'm-courses-link'],
  '/m/courses': ['m-courses', 'm-courses-empty', 'm-course-list', 'm-error'],
  '/m/courses/c1': [
    'm-course',
    'm-course-title',
    'm-course-lecturer',
    'm-course-chapters',
    'm-chapter-title',
    'm-chapter-files',
    'm-chapter-previous',
    'm-chapter-next',
  ],
  '/m/notices': ['m-inbox', 'm-inbox-empty', 'm-notice-list', 'm-new-notice', 'm-error'],
  '/m/notices/n1': [
    'm-notice',
    'm-notice-title',
    'm-notice-body',
    'm-notice-students',
    'm-answer-form',
    'm-answer-submit',
    'm-form-closed',
  ],
  '/m/qr/abc_DEF-123': [
    'm-qr-device',
    'm-qr-time',
    'm-qr-address',
    'm-qr-confirm',
    'm-qr-reject',
    'm-qr-result',
  ],
}

describe('mobile pages', () => {
  let server: TestApp
  beforeAll(async () => {
    server = await startTestApp(SQLITE_FACTORY, { demo: false })
  })
  afterAll(() => server.close())

  const get = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers })

  it.each(Object.entries(PAGE_TESTS))(
    'serves %s with its data-test hooks under a strict CSP',
    async (url, hooks) => {
      const response = await get(url)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(response.headers['content-security-policy']).toBe(MOBILE_CSP)
      expect(response.headers['x-frame-options']).toBe('DENY')
      expect(response.headers['cache-control']).toBe('no-store')
      for (const hook of hooks) expect(response.body).toContain(`data-test="${hook}"`)
      // Only the module script and a JSON data block: nothing inline that would run.
      const scripts = response.body.match(/<script[^>]*>/g) ?? []
      expect(scripts).toEqual([
        '<script type="module" src="/m/app.js">',
        '<script type="application/json" id="m-strings">',
      ])
      expect(response.body).not.toMatch(/\son\w+=|style=/)
    },
  )

  it('speaks the language of the phone, zh-CN by default', async () => {
    const title = async (acceptLanguage?: string) => {
      const headers: Record<string, string> = acceptLanguage ? { 'accept-language': acceptLanguage } : {}
      const body = (await get('/m/qr/abc', headers)).body
      return [/<html lang="([^"]+)"/.exec(body)?.[1], /<title[^>]*>([^<]+)</.exec(body)?.[1]]
    }
    expect(await title()).toEqual(['zh-CN', '扫码登录'])
    expect(await title('zh-TW,zh;q=0.9')).toEqual(['zh-TW', '掃碼登入'])
    expect(await title('zh-HK')).toEqual(['zh-TW', '掃碼登入'])
    expect(await title('en-GB,en;q=0.8')).toEqual(['en', 'Scan to log in'])
    expect(await title('fr-FR, en;q=0.5')).toEqual(['en', 'Scan to log in'])
    expect(await title('de')).toEqual(['zh-CN', '扫码登录'])
  })

  it('loads well under 100 KB of JavaScript', async () => {
    const script = await get('/m/app.js')
    expect(script.statusCode).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.rawPayload.length).toBeLessThan(100 * 1024)
    expect(script.body).not.toMatch(/^\s*import\s/m)
    const css = await get('/m/app.css')
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('refuses a malformed ticket id', async () => {
    expect((await get('/m/qr/not%20a%20ticket')).statusCode).toBe(400)
  })
})
