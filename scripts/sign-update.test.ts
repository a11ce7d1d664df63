import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isSignedBy } from '../electron/main/security/update-feed.ts'
import { newSigningKeyPair, signChannelFiles, signingKeyFrom } from './sign-update.ts'

describe('sign-update', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'campus-desk-sign-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('writes a signature next to each channel file that the app verifies with the public key', () => {
    const { privateKeyPem, publicKey } = newSigningKeyPair()
    const files = ['latest.yml', 'latest-mac.yml'].map((name) => join(dir, name))
    for (const file of files) writeFileSync(file, `version: 1.2.0\npath: ${file}\n`)
    expect(signChannelFiles(files, privateKeyPem)).toEqual(files.map((file) => `${file}.sig`))
    for (const file of files) {
      const signature = readFileSync(`${file}.sig`, 'utf8')
      expect(isSignedBy(readFileSync(file), signature, publicKey)).toBe(true)
      expect(isSignedBy(Buffer.from('version: 6.6.6\n'), signature, publicKey)).toBe(false)
      expect(isSignedBy(readFileSync(file), signature, newSigningKeyPair().publicKey)).toBe(false)
    }
  })

  it('reads the key from UPDATE_SIGNING_KEY or UPDATE_SIGNING_KEY_FILE, and wants one', () => {
    const keyFile = join(dir, 'release-key.pem')
    writeFileSync(keyFile, 'PEM FROM FILE')
    expect(signingKeyFrom({ UPDATE_SIGNING_KEY: 'PEM' })).toBe('PEM')
    expect(signingKeyFrom({ UPDATE_SIGNING_KEY_FILE: keyFile })).toBe('PEM FROM FILE')
    expect(() => signingKeyFrom({})).toThrow(/UPDATE_SIGNING_KEY_FILE/)
  })
})
