import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import type { UpdateInfo } from 'electron-updater'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Why the app must not take updates from `feedUrl`, or null: only https, so nobody on the school network can put
 * their own metadata in its place — except a feed on this very PC (development, a local test server).
 */
export function feedUrlRefusal(feedUrl: string): string | null {
  const url = URL.canParse(feedUrl) ? new URL(feedUrl) : null
  if (url?.protocol === 'https:') return null
  if (url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null
  return `Updates are taken only from an https:// feed, not from ${feedUrl}`
}

/** The channel file electron-updater reads for this platform (electron-builder writes one per platform). */
export function channelFileFor(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'win32') return 'latest.yml'
  if (platform === 'darwin') return 'latest-mac.yml'
  return arch === 'arm64' ? 'latest-linux-arm64.yml' : 'latest-linux.yml'
}

/** The file next to a channel file that holds its signature (base64 of the raw Ed25519 signature). */
export const signatureFileOf = (channelFile: string) => `${channelFile}.sig`

/** Signs a channel file's bytes with an Ed25519 private key (PEM); release time only (`scripts/sign-update.ts`). */
export function signChannelFile(bytes: Uint8Array, privateKeyPem: string): string {
  return sign(null, bytes, createPrivateKey(privateKeyPem)).toString('base64')
}

/** Whether `signature` signs `bytes` for `publicKey` (base64 of the Ed25519 key's SPKI DER). */
export function isSignedBy(bytes: Uint8Array, signature: string, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' })
    return verify(null, bytes, key, Buffer.from(signature.trim(), 'base64'))
  } catch {
    return false
  }
}

const releaseFiles = (info: Partial<UpdateInfo>) =>
  (info.files ?? []).map(({ url, sha512, size }) => ({ url, sha512, size }))

/**
 * Whether electron-updater is about to download exactly the signed release: the same version and the same files
 * with the same sha512, which electron-updater then checks the downloaded installer against.
 */
export function isSignedRelease(signed: Partial<UpdateInfo>, offered: UpdateInfo): boolean {
  return (
    signed.version === offered.version &&
    releaseFiles(signed).length > 0 &&
    isDeepStrictEqual(releaseFiles(signed), releaseFiles(offered))
  )
}
