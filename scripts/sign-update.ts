/**
 * Release step (PLAT-4): signs electron-builder's update metadata so installed apps download only releases made
 * here. Run after `npm run dist`, before publishing the files to the feed:
 *
 *   UPDATE_SIGNING_KEY_FILE=release-key.pem node scripts/sign-update.ts dist/latest.yml [dist/latest-mac.yml …]
 *
 * writes `<file>.sig` (base64 Ed25519 signature of the file's bytes) next to each file; publish them together.
 * The key is a PKCS#8 PEM, from UPDATE_SIGNING_KEY_FILE or UPDATE_SIGNING_KEY (the PEM itself). Once:
 *
 *   node scripts/sign-update.ts --generate-key
 *
 * prints a new private key (keep it offline, never in the repository) and the public key to build the app with
 * (`UPDATE_PUBLIC_KEY=<base64> npm run dist`).
 */
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { signatureFileOf, signChannelFile } from '../electron/main/security/update-feed.ts'

type Env = Readonly<Record<string, string | undefined>>

export function signingKeyFrom(env: Env): string {
  if (env.UPDATE_SIGNING_KEY) return env.UPDATE_SIGNING_KEY
  if (env.UPDATE_SIGNING_KEY_FILE) return readFileSync(env.UPDATE_SIGNING_KEY_FILE, 'utf8')
  throw new Error('Set UPDATE_SIGNING_KEY_FILE (or UPDATE_SIGNING_KEY) to the release signing key (PEM)')
}

/** Writes `<file>.sig` for each channel file; returns the signature files written. */
export function signChannelFiles(files: readonly string[], privateKeyPem: string): string[] {
  return files.map((file) => {
    const signatureFile = signatureFileOf(file)
    writeFileSync(signatureFile, `${signChannelFile(readFileSync(file), privateKeyPem)}\n`)
    return signatureFile
  })
}

/** A new release key pair: the private key as PEM, the public key as the base64 SPKI DER the build bakes in. */
export function newSigningKeyPair(): { privateKeyPem: string; publicKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  }
}

function main(args: readonly string[]): void {
  if (args[0] === '--generate-key') {
    const { privateKeyPem, publicKey } = newSigningKeyPair()
    console.log(`${privateKeyPem}\nUPDATE_PUBLIC_KEY=${publicKey}`)
    return
  }
  if (args.length === 0) throw new Error('Usage: node scripts/sign-update.ts <latest.yml>… | --generate-key')
  for (const written of signChannelFiles(args, signingKeyFrom(process.env))) console.log(`wrote ${written}`)
}

if (import.meta.main) main(process.argv.slice(2))
