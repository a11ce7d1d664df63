import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'
import { passwordShapeProblem, type PasswordProblem } from './password-rules.ts'

/**
 * What a guesser who knows the person would try first: their logins (phone, staff or student number), their
 * name and their school's name. Passwords made of these are refused as personal.
 */
export interface PasswordContext {
  phone?: string | null
  staffNo?: string | null
  studentNo?: string | null
  name?: string
  schoolName?: string
}

/** zxcvbn's score (0–4) a new password needs: 3 resists an offline attack on a slow hash. */
export const MIN_PASSWORD_SCORE = 3

/** Only this much of a password is analysed: a long one costs the server no more than this (about 0.1 s). */
const ANALYSED_LENGTH = 100

/** Shorter inputs match too much by chance (a two-letter name is inside many good passwords). */
const MIN_INPUT_LENGTH = 4

let factory: ZxcvbnFactory | undefined

function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary,
    graphs: adjacencyGraphs,
    useLevenshteinDistance: true,
    maxLength: ANALYSED_LENGTH,
  })
  return factory
}

/** Each input and, for numbers, their last six digits (the initial password). */
function userInputs(context: PasswordContext): string[] {
  const logins = [context.phone, context.staffNo, context.studentNo].filter((v): v is string => !!v)
  const inputs = [...logins, ...logins.map((login) => login.slice(-6)), context.name, context.schoolName]
  return inputs.filter((v): v is string => typeof v === 'string' && v.length >= MIN_INPUT_LENGTH)
}

function isPersonal(match: MatchExtended): boolean {
  return match.pattern === 'dictionary' && match.dictionaryName === 'userInputs'
}

/**
 * Why `password` may not be someone's new password, or null when it may: blank, too short, built on their own
 * logins, name or school, or otherwise too easy to guess (zxcvbn score below `MIN_PASSWORD_SCORE`).
 */
export function passwordProblem(password: string, context: PasswordContext): PasswordProblem | null {
  const shape = passwordShapeProblem(password)
  if (shape) return shape
  const result = zxcvbn().check(password, userInputs(context))
  if (result.score >= MIN_PASSWORD_SCORE) return null
  return result.sequence.some(isPersonal) ? 'password_is_personal' : 'password_too_weak'
}
