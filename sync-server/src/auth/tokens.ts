import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { ROLES, type Role } from '../../../domain/auth/roles.ts'

/** What an access token says about its bearer. */
export interface AccessClaims {
  /** Account (identity) id. */
  sub: string
  /** Session id, checked on every request so logout and token reuse take effect at once. */
  sid: string
  school: string
  name: string
  roles: Role[]
  iat: number
  exp: number
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

function sign(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest()
}

/** An HS256 JWT carrying `claims`. */
export function signAccessToken(claims: AccessClaims, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
  return `${body}.${sign(body, secret).toString('base64url')}`
}

function isClaims(value: unknown): value is AccessClaims {
  const c = value as Partial<AccessClaims> | null
  return (
    typeof c === 'object' &&
    c !== null &&
    [c.sub, c.sid, c.school, c.name].every((v) => typeof v === 'string') &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number' &&
    Array.isArray(c.roles) &&
    c.roles.every((role) => ROLES.includes(role))
  )
}

/** The claims of a well-signed, unexpired token made by `signAccessToken`; null otherwise. */
export function verifyAccessToken(token: string, secret: string, nowSeconds: number): AccessClaims | null {
  const [header, payload, signature, ...rest] = token.split('.')
  if (header !== HEADER || payload === undefined || signature === undefined || rest.length > 0) return null
  const expected = sign(`${header}.${payload}`, secret)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return isClaims(claims) && claims.exp > nowSeconds ? claims : null
  } catch {
    return null
  }
}

export function newRandomToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Refresh tokens are stored only as this hash: a leaked table cannot be replayed. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}
