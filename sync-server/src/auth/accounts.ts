import type { Role } from '../../../domain/auth/roles.ts'
import type { Store } from '../store/index.ts'
import { hashPassword, initialPassword } from './passwords.ts'

export interface NewAccount {
  id: string
  schoolId: string
  name: string
  roles: Role[]
  phone?: string
  staffNo?: string
  studentNo?: string
  /** Without one, the account starts with the initial password of its phone and must change it. */
  password?: string
}

/** Creates a login identity; the address book will derive these for staff, students and guardians. */
export async function createAccount(store: Store, account: NewAccount): Promise<void> {
  const { password, phone, staffNo, studentNo, ...fields } = account
  const startPassword = password ?? (phone ? initialPassword(phone) : undefined)
  if (startPassword === undefined) {
    throw new Error(`account ${account.id} needs a password or a phone for its initial password`)
  }
  await store.createAccount({
    ...fields,
    phone: phone ?? null,
    staffNo: staffNo ?? null,
    studentNo: studentNo ?? null,
    passwordHash: await hashPassword(startPassword),
    mustChangePassword: password === undefined,
    disabled: false,
  })
}
