import type { SchoolClass } from '../../../../domain/org/school-class.ts'
import type { Staff } from '../../../../domain/org/staff.ts'
import { defineKindStore } from '../../app/kind-store.ts'

/** AB-1 staff of the current school, live from the local replica. */
export const useStaffStore = defineKindStore<Staff>('staff', 'staff')

/** AB-2 classes of the current school, live from the local replica. */
export const useClassStore = defineKindStore<SchoolClass>('classes', 'class')
