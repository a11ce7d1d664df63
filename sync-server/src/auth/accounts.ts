import type { Role } from '../../../domain/auth/roles.ts'
import type { Account, Store } from '../store/index.ts'
import {
  hashPassword,
  INITIAL_PASSWORD_HASH,
  initialPassword,
  isInitialPassword,
  type PasswordHasher,
} from './passwords.ts'

export interface NewAccount {
  id: string
  schoolId: string
  name: string
  roles: Role[]
  phone?: string
  staffNo?: string
  studentNo?: string
  /** Without one, the account starts with the initial password of its login and must change it. */
  password?: string
}

type Logins = Pick<Account, 'phone' | 'staffNo' | 'studentNo'>

/** What the person types as "account": the phone, else the staff or student number (null: cannot log in). */
export function loginOf(account: Logins): string | null {
  return account.phone ?? account.staffNo ?? account.studentNo
}

/** The initial password while the account is still on it; null once the person chose their own. */
export function pendingInitialPassword(account: Logins & Pick<Account, 'passwordHash'>): string | null {
  const login = loginOf(account)
  return account.passwordHash === INITIAL_PASSWORD_HASH && login !== null ? initialPassword(login) : null
}

/**
 * Whether `password` is the account's, for one hash check whatever the account holds: an initial password is
 * compared without hashing, so a check against `decoyHash` (a hash of nothing anyone knows) runs too, and timing
 * does not tell which accounts are still on their guessable initial password.
 */
export async function verifyAccountPassword(
  password: string,
  account: Account,
  hasher: PasswordHasher,
  decoyHash: string,
): Promise<boolean> {
  if (account.passwordHash !== INITIAL_PASSWORD_HASH) return hasher.verify(password, account.passwordHash)
  await hasher.verify(password, decoyHash)
  return isInitialPassword(password, loginOf(account))
}

/** Creates a login identity directly (tests, benchmarks); the address book's are derived (accounts/derive.ts). */
export async function createAccount(store: Store, account: NewAccount): Promise<void> {
  const { password, phone, staffNo, studentNo, ...fields } = account
  const logins = { phone: phone ?? null, staffNo: staffNo ?? null, studentNo: studentNo ?? null }
  if (password === undefined && loginOf(logins) === null) {
    throw new Error(`account ${account.id} needs a password or a login for its initial password`)
  }
  await store.createAccount({
    ...fields,
    ...logins,
    passwordHash: password === undefined ? INITIAL_PASSWORD_HASH : await hashPassword(password),
    mustChangePassword: password === undefined,
    disabled: false,
  })
}
