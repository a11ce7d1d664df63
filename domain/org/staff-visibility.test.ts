import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import { EMPTY_SCOPE, type ReadScope } from '../kinds.ts'
import { readableView } from '../permissions.ts'
import { validateDocument } from '../validation.ts'
import { SCHOOL_SETTINGS_ID, type SchoolSettings } from './school-settings.ts'
import type { Staff } from './staff.ts'

const user = (id: string, role: SessionUser['roles'][number]): SessionUser => ({
  id,
  schoolId: 'demo',
  name: id,
  roles: [role],
})
const teacherLi: Staff = {
  id: 'li',
  kind: 'staff',
  schoolId: 'demo',
  updatedAt: 1,
  name: '李老师',
  phone: '13800000002',
  staffNo: 'T001',
  position: '班主任',
  departmentIds: ['d1'],
  tags: [],
  teaches: true,
}
const familyScope = (staffPhonesVisible: boolean): ReadScope => ({
  ...EMPTY_SCOPE,
  staffIds: new Set(['li']),
  staffPhonesVisible,
})

describe('who sees a staff document, and which fields', () => {
  it('shows staff the whole document', () => {
    expect(readableView(user('zhang', 'teacher'), teacherLi)).toBe(teacherLi)
    expect(readableView(user('wang', 'admin'), teacherLi)).toBe(teacherLi)
  })

  it("shows guardians and students only their classes' teachers", () => {
    for (const role of ['guardian', 'student'] as const) {
      expect(readableView(user('x', role), teacherLi, EMPTY_SCOPE)).toBeNull()
      expect(
        readableView(user('x', role), teacherLi, { ...EMPTY_SCOPE, staffIds: new Set(['zhang']) }),
      ).toBeNull()
      expect(readableView(user('x', role), teacherLi, familyScope(false))).not.toBeNull()
    }
  })

  it('hides the phone (unless the school shows it) and the staff number from families', () => {
    const hidden = readableView(user('chen', 'guardian'), teacherLi, familyScope(false))
    expect(hidden).toEqual({ ...teacherLi, phone: undefined, staffNo: undefined })
    expect(hidden).not.toHaveProperty('phone')
    expect(hidden).not.toHaveProperty('staffNo')
    const shown = readableView(user('chen', 'guardian'), teacherLi, familyScope(true))
    expect(shown?.phone).toBe('13800000002')
    expect(shown).not.toHaveProperty('staffNo')
  })
})

describe('school settings', () => {
  const doc: SchoolSettings = {
    id: SCHOOL_SETTINGS_ID,
    kind: 'school_settings',
    schoolId: 'demo',
    updatedAt: 1,
    showStaffPhonesToFamilies: false,
  }

  it('are one document per school, under a fixed id', () => {
    expect(validateDocument('org', doc)).toMatchObject({ ok: true })
    expect(JSON.stringify(validateDocument('org', { ...doc, id: 'mine' }))).toContain(SCHOOL_SETTINGS_ID)
  })
})
