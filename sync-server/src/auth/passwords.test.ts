import { describe, expect, it } from 'vitest'
import { hashPassword, initialPassword, verifyPassword } from './passwords.ts'

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

  it('start as the last 6 digits of the phone', () => {
    expect(initialPassword('13812345678')).toBe('345678')
  })
})
