import { isStaff, type SessionUser } from '../../../domain/auth/roles.ts'

/** What one user may upload: the largest blob, and the bytes of new blobs in any 24 hours. */
export interface UploadAllowance {
  maxBytes: number
  dailyBytes: number
}

/** Members of staff (admins, teachers), and everyone else (guardians, students). */
export interface UploadAllowances {
  staff: UploadAllowance
  family: UploadAllowance
}

export const DAY_MS = 24 * 3_600_000

const MIB = 1024 * 1024

/**
 * Issue 11 §11 (docs/decisions.md "Blob uploads and reads"): staff upload teaching material up to `maxBytes`
 * (`BLOB_MAX_BYTES`) and 2 GiB a day; guardians and students only what answering a notice needs — photos and
 * documents of up to 10 MiB, 100 MiB a day.
 */
export function defaultUploadAllowances(maxBytes: number): UploadAllowances {
  return {
    staff: { maxBytes, dailyBytes: 2048 * MIB },
    family: { maxBytes: Math.min(maxBytes, 10 * MIB), dailyBytes: 100 * MIB },
  }
}

export function allowanceOf(user: SessionUser, allowances: UploadAllowances): UploadAllowance {
  return isStaff(user) ? allowances.staff : allowances.family
}

/**
 * Whether `user` may read a blob uploaded by `uploaderId` through `/api/blobs`. Staff read any of the school's:
 * their documents reference them. Guardians and students only their own: a hash is no permission, and what they
 * may see of others' (a notice's attachments) is served by the routes that check it (`/api/m`).
 */
export function mayReadBlob(user: SessionUser, uploaderId: string): boolean {
  return isStaff(user) || user.id === uploaderId
}
