import type { Campus, Grade } from '../../../../domain/org/campus.ts'
import type { Department } from '../../../../domain/org/departments.ts'
import type { Guardian } from '../../../../domain/org/guardian.ts'
import type { SchoolClass } from '../../../../domain/org/school-class.ts'
import type { SchoolSettings } from '../../../../domain/org/school-settings.ts'
import type { Staff } from '../../../../domain/org/staff.ts'
import type { Student } from '../../../../domain/org/student.ts'
import { defineKindStore } from '../../app/kind-store.ts'

// The address book (org collection) of the current school, live from the local replica, one store per kind.

export const useDepartmentStore = defineKindStore<Department>('departments', 'department')
export const useStaffStore = defineKindStore<Staff>('staff', 'staff')
export const useCampusStore = defineKindStore<Campus>('campuses', 'campus')
export const useGradeStore = defineKindStore<Grade>('grades', 'grade')
export const useClassStore = defineKindStore<SchoolClass>('classes', 'class')
export const useStudentStore = defineKindStore<Student>('students', 'student')
export const useGuardianStore = defineKindStore<Guardian>('guardians', 'guardian')
export const useSchoolSettingsStore = defineKindStore<SchoolSettings>('schoolSettings', 'school_settings')
