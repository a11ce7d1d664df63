import { describe, expect, it } from 'vitest'
import { hashPassword, initialPassword, isInitialPassword, verifyPassword } from './passwords.ts'

describe('passwords', () => {
  it('are salted scrypt hashes that carry their parameters', async () => {
    const hash = await hashPassword('demo-2026')
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(await hashPassword('demo-2026')).not.toBe(hash)
    expect(await verifyPassword('demo-2026', hash)).toBe(true)
    expect(await verifyPassword('demo-2027', hash)).toBe(false)
  })

  it('refuse hashes of an unknown scheme', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false)
  })

  it('start as the last 6 characters of the login, zero-padded when shorter', () => {
    expect(initialPassword('13812345678')).toBe('345678')
    expect(initialPassword('2026070105')).toBe('070105')
    expect(initialPassword('S0417')).toBe('0S0417')
    expect(initialPassword('42')).toBe('000042')
  })

  it('recognise the initial password of a login, never without one', () => {
    expect(isInitialPassword('345678', '13812345678')).toBe(true)
    expect(isInitialPassword('345679', '13812345678')).toBe(false)
    expect(isInitialPassword('000000', null)).toBe(false)
  })
})
