import { safeStorage } from 'electron'
import type { Cipher, SecretStore } from '../secret-store.ts'
import type { Routes } from './handle.ts'
import { argumentsOf, secretKey, secretValue } from './validate.ts'

export function secretRoutes(
  store: SecretStore,
): Pick<Routes, 'secrets:get' | 'secrets:set' | 'secrets:delete'> {
  return {
    'secrets:get': { validateArgs: argumentsOf(secretKey), run: (_event, key) => store.get(key) },
    'secrets:set': {
      validateArgs: argumentsOf(secretKey, secretValue),
      run: (_event, key, value) => store.set(key, value),
    },
    'secrets:delete': { validateArgs: argumentsOf(secretKey), run: (_event, key) => store.delete(key) },
  }
}

/**
 * Electron's safeStorage as the store's cipher. On Linux without GNOME Keyring or KWallet, safeStorage falls back
 * to "basic_text", a key hard-coded in Chromium: that is plain text in disguise, so it counts as unavailable.
 */
export const safeStorageCipher: Cipher = {
  async unavailableReason() {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'the OS key store cannot be reached'
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'no keyring such as GNOME Keyring or KWallet is running'
    }
    return null
  },
  encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
  async decrypt(encrypted) {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(encrypted))
    return { plainText: result, shouldReEncrypt }
  },
}
