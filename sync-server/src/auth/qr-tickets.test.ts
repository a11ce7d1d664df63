import { describe, expect, it } from 'vitest'
import { approximateAddress } from './qr-tickets.ts'

describe('approximateAddress', () => {
  it('keeps the network part of an address and hides the machine', () => {
    expect(approximateAddress('192.168.10.23')).toBe('192.168.10.*')
    expect(approximateAddress('::ffff:10.0.0.7')).toBe('10.0.0.*')
    expect(approximateAddress('2001:db8:abcd:12:0:0:0:1')).toBe('2001:db8:abcd:*')
    expect(approximateAddress('2001:db8::1')).toBe('2001:db8:*')
    expect(approximateAddress('::1')).toBe('*')
  })
})
