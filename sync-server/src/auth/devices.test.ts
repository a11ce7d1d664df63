import { describe, expect, it } from 'vitest'
import { describeDevice } from './devices.ts'

describe('describeDevice', () => {
  it('names the app and system of a User-Agent, and tells desktop, phone and browser apart', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) campus-desk/0.1.0 Chrome/138.0.0.0 Electron/37.2.0 Safari/537.36',
      ),
    ).toEqual({ name: 'Campus Desk · Windows', kind: 'desktop' })
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50',
      ),
    ).toEqual({ name: 'WeChat · iOS', kind: 'phone' })
    expect(
      describeDevice(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      ),
    ).toEqual({ name: 'Chrome · Linux', kind: 'browser' })
  })

  it('prefers the name the client gave, and copes without a User-Agent', () => {
    expect(describeDevice(undefined, 'Campus Desk · 教务处-PC')).toEqual({
      name: 'Campus Desk · 教务处-PC',
      kind: 'browser',
    })
    expect(describeDevice(undefined)).toEqual({ name: '', kind: 'browser' })
  })
})
