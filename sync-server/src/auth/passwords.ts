import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const KEY_LENGTH = 32
const DEFAULT_PARAMS = { N: 16384, r: 8, p: 1 }

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const { N, r, p } = DEFAULT_PARAMS
  const key = await derive(password, salt, DEFAULT_PARAMS)
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** How passwords are hashed and checked: scrypt, or in tests a stand-in that counts the checks. */
export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(password: string, stored: string): Promise<boolean>
}

export const scryptHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword }

const INITIAL_PASSWORD_LENGTH = 6

/**
 * The password a new account starts with (DESIGN §6), to be changed at first login: the last 6 characters of
 * its login — the last 6 digits of a phone, else of the staff or student number, zero-padded when shorter.
 */
export function initialPassword(login: string): string {
  return login.slice(-INITIAL_PASSWORD_LENGTH).padStart(INITIAL_PASSWORD_LENGTH, '0')
}

/**
 * Stored instead of a hash while an account is on its initial password. That password is a function of the
 * row's own login, so hashing it would hide nothing; and thousands of imported people would cost minutes of scrypt.
 */
export const INITIAL_PASSWORD_HASH = 'initial'

const digest = (text: string) => createHash('sha256').update(text.normalize('NFC')).digest()

/** Constant-time comparison with the initial password of `login` (none without a login). */
export function isInitialPassword(password: string, login: string | null): boolean {
  return login !== null && timingSafeEqual(digest(password), digest(initialPassword(login)))
}
