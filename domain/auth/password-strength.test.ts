import { describe, expect, it } from 'vitest'
import { passwordShapeProblem } from './password-rules.ts'
import { passwordProblem, type PasswordContext } from './password-strength.ts'

const context: PasswordContext = {
  phone: '13812345678',
  staffNo: 'T2024017',
  name: 'Zhang Wei',
  schoolName: 'Xinhua Middle School',
}

describe('passwordProblem', () => {
  it('refuses a password of spaces or other whitespace only', () => {
    expect(passwordProblem('        ', context)).toBe('password_blank')
    expect(passwordProblem('\t\u3000\n        ', context)).toBe('password_blank')
  })

  it('refuses fewer than eight characters', () => {
    expect(passwordProblem('Qz7!vb', context)).toBe('password_too_short')
  })

  it("refuses the person's own phone number, its last six digits padded, and their staff number", () => {
    expect(passwordProblem('13812345678', context)).toBe('password_is_personal')
    expect(passwordProblem('34567800', context)).not.toBeNull()
    expect(passwordProblem('T2024017', context)).toBe('password_is_personal')
    expect(passwordProblem('t2024017!', context)).toBe('password_is_personal')
  })

  it("refuses the school's name", () => {
    expect(passwordProblem('XinhuaMiddleSchool', context)).toBe('password_is_personal')
  })

  it('refuses common and keyboard-pattern passwords', () => {
    for (const weak of ['password', '12345678', 'qwertyuiop', 'abcd1234', '11111111']) {
      expect(passwordProblem(weak, context), weak).toBe('password_too_weak')
    }
  })

  it('accepts a long passphrase and a random password', () => {
    expect(passwordProblem('violet harbour tram 42', context)).toBeNull()
    expect(passwordProblem('k7#Vq2!mZp', context)).toBeNull()
  })

  it("refuses a bare phone number as too weak even when it is not the person's own", () => {
    expect(passwordProblem('13812345678', {})).toBe('password_too_weak')
  })

  it('accepts a long random password (only its first 100 characters are analysed)', () => {
    expect(passwordProblem('k7#Vq2!mZp'.repeat(20), context)).toBeNull()
  })
})

describe('passwordShapeProblem', () => {
  it('needs no dictionary: blank and short only', () => {
    expect(passwordShapeProblem('        ')).toBe('password_blank')
    expect(passwordShapeProblem('abc')).toBe('password_too_short')
    expect(passwordShapeProblem('password')).toBeNull()
  })
})
