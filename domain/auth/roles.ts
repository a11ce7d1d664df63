export const ROLES = ['admin', 'teacher', 'guardian', 'student'] as const
export type Role = (typeof ROLES)[number]

/** The identity a request or a replica acts as: one person in one school with one set of roles. */
export interface SessionUser {
  id: string
  schoolId: string
  name: string
  roles: Role[]
}

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.roles.includes(role)
}

export function isAdmin(user: SessionUser): boolean {
  return hasRole(user, 'admin')
}

/** Members of staff: teachers and admins (the desktop's users). */
export function isStaff(user: SessionUser): boolean {
  return isAdmin(user) || hasRole(user, 'teacher')
}
