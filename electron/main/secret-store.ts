import { readFile } from 'node:fs/promises'
import { writeFileAtomically } from './atomic-file.ts'

/** The OS-backed encryption the store relies on (Electron's safeStorage in the app, a fake in tests). */
export interface Cipher {
  /** Null when encryption is backed by the OS key store; otherwise why not, in words a user can act on. */
  unavailableReason(): Promise<string | null>
  encrypt(plainText: string): Promise<Uint8Array>
  decrypt(encrypted: Uint8Array): Promise<{ plainText: string; shouldReEncrypt: boolean }>
}

export class SecureStorageUnavailableError extends Error {
  override name = 'SecureStorageUnavailableError'
  constructor(reason: string) {
    super(`Secure storage is not available on this computer (${reason}); nothing was stored.`)
  }
}

export interface SecretStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

/**
 * Secrets (the refresh token) encrypted one by one and kept as base64 in a JSON file. Where the OS offers no key
 * store the store refuses to write rather than keep anything in plain text.
 */
export function createSecretStore(filePath: string, cipher: Cipher): SecretStore {
  let pendingWrite: Promise<unknown> = Promise.resolve()

  // Writes are serialised so that two quick `set`s never lose one another.
  function update(change: (entries: Map<string, string>) => void): Promise<void> {
    const next = pendingWrite.then(async () => {
      const entries = await readEntries(filePath)
      change(entries)
      await writeEntries(filePath, entries)
    })
    pendingWrite = next.catch(() => undefined)
    return next
  }

  async function requireEncryption(): Promise<void> {
    const reason = await cipher.unavailableReason()
    if (reason !== null) throw new SecureStorageUnavailableError(reason)
  }

  async function set(key: string, value: string): Promise<void> {
    await requireEncryption()
    const encrypted = Buffer.from(await cipher.encrypt(value)).toString('base64')
    await update((entries) => entries.set(key, encrypted))
  }

  return {
    async get(key) {
      await pendingWrite
      const stored = (await readEntries(filePath)).get(key)
      if (stored === undefined) return null
      await requireEncryption()
      const { plainText, shouldReEncrypt } = await cipher.decrypt(Buffer.from(stored, 'base64'))
      if (shouldReEncrypt) await set(key, plainText)
      return plainText
    },
    set,
    delete: (key) => update((entries) => entries.delete(key)),
  }
}

/**
 * A missing or unreadable file reads as empty: it only holds credentials the user gets back by logging in again,
 * and the next write replaces it.
 */
async function readEntries(filePath: string): Promise<Map<string, string>> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(filePath, 'utf8'))
  } catch {
    return new Map()
  }
  if (typeof parsed !== 'object' || parsed === null) return new Map()
  const entries = Object.entries(parsed).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  )
  return new Map(entries)
}

function writeEntries(filePath: string, entries: Map<string, string>): Promise<void> {
  return writeFileAtomically(filePath, JSON.stringify(Object.fromEntries(entries)))
}
