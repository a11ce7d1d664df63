import { describe, expect, it } from 'vitest'
import { findDeepLink, parseDeepLink } from './deep-link.ts'

describe('parseDeepLink', () => {
  it('accepts links of our scheme and normalises them', () => {
    expect(parseDeepLink('campusdesk://notice/01HZX?tab=receipts')).toBe(
      'campusdesk://notice/01HZX?tab=receipts',
    )
    expect(parseDeepLink('CampusDesk://login')).toBe('campusdesk://login')
  })

  it('refuses other schemes', () => {
    for (const value of [
      'https://school.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'campusdesk2://x',
    ]) {
      expect(parseDeepLink(value)).toBeNull()
    }
  })

  it('refuses links without an action, with credentials or too long', () => {
    expect(parseDeepLink('campusdesk:login')).toBeNull()
    expect(parseDeepLink('campusdesk:///login')).toBeNull()
    expect(parseDeepLink('campusdesk://user:pw@login')).toBeNull()
    expect(parseDeepLink(`campusdesk://notice/${'x'.repeat(3000)}`)).toBeNull()
  })
})

describe('findDeepLink', () => {
  it('finds the link among the arguments of a second launch', () => {
    const argv = [
      'C:\\Program Files\\Campus Desk\\Campus Desk.exe',
      '--allow-file-access-from-files',
      '--server-url=http://localhost:7420',
      'campusdesk://notice/42',
    ]
    expect(findDeepLink(argv)).toBe('campusdesk://notice/42')
  })

  it('finds nothing in a plain launch', () => {
    expect(findDeepLink(['/usr/bin/campus-desk', '.', '--server-url=http://localhost:7420'])).toBeNull()
  })
})
