import type { AccountInfo } from './staff-directory.ts'

// The sync server's admin routes for accounts and students (AB-4), as both ends read them.

/** An account as `GET /api/admin/accounts` lists it (the staff and home-school directories read it). */
export interface Account extends AccountInfo {
  name: string
  login: string
  roles: string[]
  mustChangePassword: boolean
}

/** One line of a class's account slips (`GET /api/admin/account-slips`). */
export interface AccountSlip {
  personId: string
  kind: 'student' | 'guardian'
  name: string
  /** A guardian's children in the class. */
  studentName?: string
  login: string
  /** Null once the person chose their own password: the slip then says so instead. */
  initialPassword: string | null
}

export interface AccountSlips {
  className: string
  slips: AccountSlip[]
}

/** `POST /api/admin/accounts/:personId/reset-password`. */
export interface PasswordReset {
  login: string
  initialPassword: string
}

/**
 * The `error` codes of an admin route's 404: what it does not know. A 404 without one of them means the server
 * has no such route.
 */
export const ADMIN_NOT_FOUND = { person: 'unknownPerson', schoolClass: 'unknownClass' } as const

export type AdminNotFound = (typeof ADMIN_NOT_FOUND)[keyof typeof ADMIN_NOT_FOUND]

export const isAdminNotFound = (code: string): code is AdminNotFound =>
  Object.values<string>(ADMIN_NOT_FOUND).includes(code)
