import { describe, expect, it } from 'vitest'
import { MAX_SHOWN_LINK, deepLinkOutcome, parseAppLink } from './app-link.ts'

describe('parseAppLink', () => {
  it('reads a notice link, with or without a query', () => {
    expect(parseAppLink('campusdesk://notice/01HZX')).toEqual({ kind: 'notice', id: '01HZX' })
    expect(parseAppLink('campusdesk://notice/0b5c8e0a-7d1e-4a55-9d0e-6a4f1c2b3d4e?tab=receipts')).toEqual({
      kind: 'notice',
      id: '0b5c8e0a-7d1e-4a55-9d0e-6a4f1c2b3d4e',
    })
    expect(parseAppLink('campusdesk://notice/42/')).toEqual({ kind: 'notice', id: '42' })
  })

  it('reads the login link and a QR ticket link', () => {
    expect(parseAppLink('campusdesk://login')).toEqual({ kind: 'login' })
    expect(parseAppLink('campusdesk://qr/Zm9vYmFyLWJhei1xdXV4')).toEqual({
      kind: 'qr-ticket',
      ticketId: 'Zm9vYmFyLWJhei1xdXV4',
    })
  })

  it('calls every other link unknown', () => {
    for (const link of [
      'campusdesk://notice',
      'campusdesk://notice/',
      'campusdesk://notice/1/2',
      'campusdesk://notice/%2e%2e%2Fadmin',
      'campusdesk://notice/%E0%A4%A',
      `campusdesk://notice/${'x'.repeat(65)}`,
      'campusdesk://login/extra',
      'campusdesk://course/7',
      'campusdesk://qr',
      'https://example.com/notice/1',
      'not a link',
    ]) {
      expect(parseAppLink(link), link).toEqual({ kind: 'unknown', link })
    }
  })
})

describe('deepLinkOutcome', () => {
  it('opens a notice on its page', () => {
    expect(deepLinkOutcome('campusdesk://notice/n-1')).toEqual({ go: '/notices/n-1' })
    expect(deepLinkOutcome('campusdesk://notice/a%3Ab')).toEqual({ go: '/notices/a%3Ab' })
  })

  it('opens the login page for the login link', () => {
    expect(deepLinkOutcome('campusdesk://login')).toEqual({ go: '/login' })
  })

  it('explains a QR ticket link instead of acting on it', () => {
    expect(deepLinkOutcome('campusdesk://qr/abc')).toEqual({ messageKey: 'deepLinks.qrTicket', params: {} })
  })

  it('names an unknown link, cut to a readable length', () => {
    expect(deepLinkOutcome('campusdesk://course/7')).toEqual({
      messageKey: 'deepLinks.unknown',
      params: { link: 'campusdesk://course/7' },
    })
    const long = deepLinkOutcome(`campusdesk://x/${'y'.repeat(200)}`)
    expect('params' in long && long.params.link).toHaveLength(MAX_SHOWN_LINK)
  })
})
