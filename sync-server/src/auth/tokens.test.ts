import { describe, expect, it } from 'vitest'
import {
  hashRefreshToken,
  newRandomToken,
  signAccessToken,
  verifyAccessToken,
  type AccessClaims,
} from './tokens.ts'

const claims: AccessClaims = {
  sub: 'acc1',
  sid: 'sess1',
  school: 'demo',
  name: '李老师',
  roles: ['teacher'],
  iat: 1000,
  exp: 1900,
}

describe('access tokens', () => {
  it('are HS256 JWTs that verify until they expire', () => {
    const token = signAccessToken(claims, 'secret')
    const [header] = token.split('.')
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    })
    expect(verifyAccessToken(token, 'secret', 1899)).toEqual(claims)
    expect(verifyAccessToken(token, 'secret', 1900)).toBeNull()
  })

  it('refuse another key, a changed payload, another algorithm and malformed tokens', () => {
    const token = signAccessToken(claims, 'secret')
    const [header, , signature] = token.split('.')
    const admin = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    const notClaims = signAccessToken({ ...claims, roles: ['root'] } as unknown as AccessClaims, 'secret')

    expect(verifyAccessToken(token, 'other', 1000)).toBeNull()
    expect(verifyAccessToken(`${header}.${admin}.${signature}`, 'secret', 1000)).toBeNull()
    expect(verifyAccessToken(`${none}.${token.split('.')[1]}.`, 'secret', 1000)).toBeNull()
    expect(verifyAccessToken(notClaims, 'secret', 1000)).toBeNull()
    for (const bad of ['', 'a.b', 'a.b.c.d', `${token}.x`])
      expect(verifyAccessToken(bad, 'secret', 1000)).toBeNull()
  })
})

describe('refresh tokens', () => {
  it('are random and stored as a hash', () => {
    const token = newRandomToken()
    expect(token).not.toBe(newRandomToken())
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token))
    expect(hashRefreshToken(token)).not.toContain(token)
  })
})
