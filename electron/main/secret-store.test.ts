import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSecretStore, SecureStorageUnavailableError, type Cipher } from './secret-store.ts'

/** Reverses the bytes: enough to prove that what lands on disk is the cipher's output, not the secret. */
function fakeCipher(
  options: { unavailable?: string; reEncrypt?: boolean } = {},
): Cipher & { encryptions: number } {
  const cipher = {
    encryptions: 0,
    unavailableReason: async () => options.unavailable ?? null,
    encrypt: async (plainText: string) => {
      cipher.encryptions += 1
      return Buffer.from(plainText).reverse()
    },
    decrypt: async (encrypted: Uint8Array) => ({
      plainText: Buffer.from(encrypted).reverse().toString(),
      shouldReEncrypt: options.reEncrypt ?? false,
    }),
  }
  return cipher
}

describe('createSecretStore', () => {
  let dir: string
  let file: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'campus-desk-secrets-'))
    file = join(dir, 'nested', 'secrets.json')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('stores, reads and deletes secrets', async () => {
    const store = createSecretStore(file, fakeCipher())
    expect(await store.get('auth.refresh')).toBeNull()
    await store.set('auth.refresh', 'refresh-token-1')
    expect(await store.get('auth.refresh')).toBe('refresh-token-1')
    await store.delete('auth.refresh')
    expect(await store.get('auth.refresh')).toBeNull()
  })

  it('never writes the secret itself to disk', async () => {
    await createSecretStore(file, fakeCipher()).set('auth.refresh', 'refresh-token-1')
    const onDisk = readFileSync(file, 'utf8')
    expect(onDisk).not.toContain('refresh-token-1')
    expect(Object.keys(JSON.parse(onDisk))).toEqual(['auth.refresh'])
  })

  it('refuses to store anything when the OS has no key store', async () => {
    const store = createSecretStore(file, fakeCipher({ unavailable: 'no keyring' }))
    await expect(store.set('auth.refresh', 'refresh-token-1')).rejects.toThrow(SecureStorageUnavailableError)
    await expect(store.set('auth.refresh', 'refresh-token-1')).rejects.toThrow(/no keyring/)
    expect(() => readFileSync(file)).toThrow()
    await expect(store.delete('auth.refresh')).resolves.toBeUndefined()
  })

  it('keeps every one of several concurrent writes', async () => {
    const store = createSecretStore(file, fakeCipher())
    await Promise.all(['a', 'b', 'c', 'd'].map((key) => store.set(key, `value-${key}`)))
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((key) => store.get(key)))).toEqual([
      'value-a',
      'value-b',
      'value-c',
      'value-d',
    ])
  })

  it('re-encrypts a secret when the OS rotated its key', async () => {
    const cipher = fakeCipher({ reEncrypt: true })
    const store = createSecretStore(file, cipher)
    await store.set('auth.refresh', 'refresh-token-1')
    expect(await store.get('auth.refresh')).toBe('refresh-token-1')
    expect(cipher.encryptions).toBe(2)
  })

  it('reads an unreadable file as empty and replaces it on the next write', async () => {
    writeFileSync(join(dir, 'broken.json'), '{not json')
    const store = createSecretStore(join(dir, 'broken.json'), fakeCipher())
    expect(await store.get('auth.refresh')).toBeNull()
    await store.set('auth.refresh', 'x')
    expect(await store.get('auth.refresh')).toBe('x')
  })

  it('treats a key named __proto__ as an ordinary key', async () => {
    const store = createSecretStore(file, fakeCipher())
    await store.set('__proto__', 'not a prototype')
    expect(await store.get('__proto__')).toBe('not a prototype')
    expect(await store.get('constructor')).toBeNull()
  })
})
