import { describe, expect, it } from 'vitest'
import { pathOnly, scrub } from './scrub.ts'

describe('scrub', () => {
  it('removes JSON Web Tokens and authorization headers', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl'
    expect(scrub(`refresh failed for ${jwt}`)).toBe('refresh failed for [token]')
    expect(scrub('Authorization: Bearer abc.def-ghi')).not.toContain('abc.def-ghi')
    expect(scrub('sent Bearer s3cr3t')).toBe('sent Bearer [token]')
  })

  it('removes values of anything named like a credential, in JSON, queries and headers', () => {
    expect(scrub('{"accessToken":"a1","refreshToken": "r2","user":"u"}')).toBe(
      '{"accessToken":"[redacted]","refreshToken": "[redacted]","user":"u"}',
    )
    expect(scrub('GET /api/x?token=t0k3n&page=2')).toBe('GET /api/x?token=[redacted]&page=2')
    expect(scrub('X-Poll-Token: pt-123')).toBe('X-Poll-Token: [redacted]')
    expect(scrub("password='hunter2', secret=xyz")).toBe("password='[redacted]', secret=[redacted]")
  })

  it('removes e-mail addresses, phone numbers and long opaque strings', () => {
    expect(scrub('no account for li.ming@school.edu.mo')).toBe('no account for [email]')
    expect(scrub('login 13800138000 failed; +853 6612 3456 too')).toBe('login [number] failed; [number] too')
    const key = 'Zm9vYmFyYmF6cXV1eGZvb2JhcmJhenF1dXhmb29iYXJiYXo'
    expect(scrub(`pollToken ${key}`)).toBe('pollToken [redacted]')
  })

  it('keeps what IT needs: ids, stack positions, dates and short numbers', () => {
    const text =
      'TypeError: x is undefined\n    at save (app://campus-desk/assets/index-B2xq9.js:1:1234567)\n' +
      'document 0b5c8e0a-7d1e-4a55-9d0e-6a4f1c2b3d4e on 2026-12-05, HTTP 503'
    expect(scrub(text)).toBe(text)
  })

  it('drops the parameters RxDB appends to its errors, which can hold documents', () => {
    const rxdbMessage =
      '\nDocument update conflict\n--------------------\nParameters:\ndocument: {\n  "name": "Li Ming"\n}\n'
    expect(scrub(rxdbMessage)).toBe('\nDocument update conflict')
  })
})

describe('pathOnly', () => {
  it('drops the query and fragment of a location', () => {
    expect(pathOnly('/login?redirect=/notices/1')).toBe('/login')
    expect(pathOnly('http://s:7420/api/sync/pull?token=x#y')).toBe('http://s:7420/api/sync/pull')
    expect(pathOnly('/notices/42')).toBe('/notices/42')
  })
})
