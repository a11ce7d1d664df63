import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../../db/index.ts'
import { loginErrorMessage, passwordChangeErrorMessage } from './login-error.ts'
import { isServerUrl } from './rules.ts'

const t = (key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key

describe('loginErrorMessage', () => {
  it('tells bad credentials, rate limiting, network and server errors apart', () => {
    expect(loginErrorMessage(new ApiError(401, 'bad_credentials', 'x'), t)).toBe(
      'login.errors.badCredentials',
    )
    expect(loginErrorMessage(new ApiError(429, 'too_many', 'x'), t)).toBe('login.errors.tooMany')
    expect(loginErrorMessage(new NetworkError('fetch failed'), t)).toBe('login.errors.network')
    expect(loginErrorMessage(new ApiError(500, 'internal', 'boom'), t)).toBe(
      'login.errors.server {"message":"boom"}',
    )
  })
})

describe('passwordChangeErrorMessage', () => {
  it("names the server's refusals of a new password, and explains other failures as at login", () => {
    expect(passwordChangeErrorMessage(new ApiError(400, 'password_too_weak', 'x'), t)).toBe(
      'login.change.errors.password_too_weak',
    )
    expect(passwordChangeErrorMessage(new ApiError(400, 'password_blank', 'x'), t)).toBe(
      'login.change.errors.password_blank',
    )
    expect(passwordChangeErrorMessage(new ApiError(400, 'wrong_password', 'x'), t)).toBe(
      'login.change.errors.wrong_password',
    )
    expect(passwordChangeErrorMessage(new ApiError(400, 'Bad Request', 'x'), t)).toBe(
      'login.errors.server {"message":"x"}',
    )
    expect(passwordChangeErrorMessage(new NetworkError('fetch failed'), t)).toBe('login.errors.network')
  })
})

describe('isServerUrl', () => {
  it('accepts http(s) addresses only', () => {
    expect(isServerUrl('http://localhost:7420')).toBe(true)
    expect(isServerUrl(' https://school.example/ ')).toBe(true)
    expect(isServerUrl('localhost:7420')).toBe(false)
    expect(isServerUrl('ftp://school.example')).toBe(false)
  })
})
