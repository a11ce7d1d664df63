import { describe, expect, it } from 'vitest'
import {
  APP_ORIGIN,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isTrustedSender,
  originOf,
} from './origins.ts'

const DEV_ORIGIN = 'http://localhost:5173'
const allowed = [APP_ORIGIN, DEV_ORIGIN]

describe('originOf', () => {
  it('builds the origin of the app scheme, which WHATWG URL leaves opaque', () => {
    expect(originOf('app://campus-desk/index.html#/login')).toBe('app://campus-desk')
    expect(originOf('app://campus-desk')).toBe('app://campus-desk')
  })

  it('drops default ports like the browser does', () => {
    expect(originOf('http://localhost:80/x')).toBe('http://localhost')
  })

  it('has no origin for schemes without hosts, unparsable URLs or credentials', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///etc/passwd',
      'about:blank',
      'not a url',
    ]) {
      expect(originOf(url)).toBeNull()
    }
    expect(originOf('http://good@evil.example/')).toBeNull()
    expect(originOf('app://campus-desk:secret@campus-desk/')).toBeNull()
  })
})

describe('isAllowedNavigation', () => {
  it('allows the app itself and the dev server', () => {
    expect(isAllowedNavigation('app://campus-desk/index.html', allowed)).toBe(true)
    expect(isAllowedNavigation('http://localhost:5173/src/main.ts', allowed)).toBe(true)
  })

  it('refuses look-alike hosts that a startsWith check would let through', () => {
    for (const url of [
      'app://campus-desk.evil/',
      'app://campus-desk-evil/',
      'http://localhost:5173.evil.com/',
      'http://localhost:51730/',
      'http://localhost.evil.com:5173/',
    ]) {
      expect(isAllowedNavigation(url, allowed)).toBe(false)
    }
  })

  it('refuses userinfo tricks whose real host is elsewhere', () => {
    expect(isAllowedNavigation('app://campus-desk@evil/', allowed)).toBe(false)
    expect(isAllowedNavigation('http://localhost:5173@evil.example/', allowed)).toBe(false)
  })

  it('refuses other schemes, ports and case variants of the host', () => {
    for (const url of [
      'javascript:location="https://evil.example"',
      'data:text/html,<script>alert(1)</script>',
      'file:///C:/Windows/win.ini',
      'https://localhost:5173/',
      'http://localhost:5174/',
      'app://campus-desk:8080/',
      'app://CAMPUS-DESK/',
    ]) {
      expect(isAllowedNavigation(url, allowed)).toBe(false)
    }
  })

  it('allows nothing when the list is empty', () => {
    expect(isAllowedNavigation('app://campus-desk/', [])).toBe(false)
  })
})

describe('isTrustedSender', () => {
  it('trusts frames showing the app', () => {
    expect(isTrustedSender('app://campus-desk/index.html', allowed)).toBe(true)
  })

  it('distrusts missing frames, foreign pages and look-alikes', () => {
    expect(isTrustedSender(null, allowed)).toBe(false)
    expect(isTrustedSender(undefined, allowed)).toBe(false)
    expect(isTrustedSender('', allowed)).toBe(false)
    expect(isTrustedSender('https://evil.example/app://campus-desk/', allowed)).toBe(false)
    expect(isTrustedSender('app://campus-desk.evil/index.html', allowed)).toBe(false)
    expect(isTrustedSender('about:blank', allowed)).toBe(false)
  })
})

describe('isAllowedFrameNavigation', () => {
  it("lets a sub-frame show a blob of the app's own origin (the course viewer's PDF), never the main frame", () => {
    const blob = 'blob:app://campus-desk/5b1c7f5e-2d1a-4a8e-9d1f-0c6a5f3b2e10'
    expect(isAllowedFrameNavigation(blob, false, allowed)).toBe(true)
    expect(isAllowedFrameNavigation(blob, true, allowed)).toBe(false)
    expect(isAllowedFrameNavigation('app://campus-desk/index.html', true, allowed)).toBe(true)
  })

  it('refuses blobs of other origins and anything else a sub-frame tries', () => {
    for (const url of [
      'blob:https://evil.example/5b1c7f5e',
      'blob:app://campus-desk.evil/5b1c7f5e',
      'blob:null/5b1c7f5e',
      'https://evil.example/',
      'data:application/pdf;base64,JVBERi0=',
    ]) {
      expect(isAllowedFrameNavigation(url, false, allowed)).toBe(false)
    }
  })
})
