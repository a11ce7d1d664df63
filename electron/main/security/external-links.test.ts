import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl } from './external-links.ts'

describe('isSafeExternalUrl', () => {
  it('opens ordinary web links', () => {
    expect(isSafeExternalUrl('https://www.moe.gov.cn/')).toBe(true)
    expect(isSafeExternalUrl('http://192.168.1.20:7420/site/demo/')).toBe(true)
  })

  it('refuses every scheme but http and https', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///C:/Windows/System32/calc.exe',
      'smb://attacker.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'campusdesk://login',
      'app://campus-desk/index.html',
      'mailto:office@school.example',
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false)
    }
  })

  it('refuses credentials in the URL', () => {
    expect(isSafeExternalUrl('https://good.example@evil.example/')).toBe(false)
    expect(isSafeExternalUrl('https://user:pass@school.example/')).toBe(false)
  })

  it('refuses unparsable and oversized URLs', () => {
    expect(isSafeExternalUrl('not a url')).toBe(false)
    expect(isSafeExternalUrl('https://exa mple.com/')).toBe(false)
    expect(isSafeExternalUrl(`https://school.example/${'a'.repeat(3000)}`)).toBe(false)
  })
})
