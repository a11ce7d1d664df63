import { computed, type ComputedRef } from 'vue'
import { isAdmin } from '../../../../domain/auth/roles.ts'
import { addressingScope, audienceSize, recipientTree } from '../../../../domain/notices/addressing.ts'
import type { Audience } from '../../../../domain/notices/notice.ts'
import type { AddressBook } from '../../../../domain/notices/recipients.ts'
import { directoryTree } from '../../../../domain/org/directory.ts'
import { useAuthStore } from '../auth/store.ts'
import {
  useCampusStore,
  useClassStore,
  useDepartmentStore,
  useGradeStore,
  useGuardianStore,
  useStaffStore,
  useStudentStore,
} from '../org/stores.ts'
import { departmentOptions } from '../staff-directory/tree-options.ts'

/** A choice of a virtualised select (`el-select-v2`). */
export interface PersonOption {
  value: string
  label: string
}

/**
 * What the recipients picker offers the user: the classes tree (campus → grade → class, with counts), the
 * students, the departments and staff, the whole school for admins; for a teacher only their classes and those
 * classes' students (DESIGN §7.1). `size` counts the people the chosen audience reaches.
 */
export function useRecipients(audience: ComputedRef<Audience>) {
  const auth = useAuthStore()
  const campuses = useCampusStore()
  const grades = useGradeStore()
  const classes = useClassStore()
  const students = useStudentStore()
  const guardians = useGuardianStore()
  const staff = useStaffStore()
  const departments = useDepartmentStore()

  const book = computed<AddressBook>(() => ({
    classes: classes.items,
    students: students.items,
    guardians: guardians.items,
    staff: staff.items,
    departments: departments.items,
  }))
  const isAdminUser = computed(() => (auth.user ? isAdmin(auth.user) : false))
  const scope = computed(() => (auth.user ? addressingScope(auth.user, classes.items, students.items) : null))

  const classTree = computed(() =>
    recipientTree(
      directoryTree({
        campuses: campuses.items,
        grades: grades.items,
        classes: classes.items,
        students: students.items,
      }),
      scope.value,
      book.value,
    ),
  )

  const collator = new Intl.Collator('zh-CN', { numeric: true })
  const classNames = computed(() => new Map(classes.items.map((c) => [c.id, c.name])))
  const studentOptions = computed<PersonOption[]>(() =>
    students.items
      .filter((s) => s.status === 'active' && (!scope.value || scope.value.studentIds.has(s.id)))
      .map((s) => ({
        value: s.id,
        label: `${s.name} · ${classNames.value.get(s.classId) ?? '?'} · ${s.studentNo}`,
      }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  )
  const staffOptions = computed<PersonOption[]>(() =>
    staff.items
      .map((member) => ({
        value: member.id,
        label: member.position ? `${member.name} · ${member.position}` : member.name,
      }))
      .sort((a, b) => collator.compare(a.label, b.label)),
  )
  const departmentTree = computed(() => departmentOptions(departments.items))
  const size = computed(() => audienceSize(audience.value, book.value))

  return { isAdminUser, classTree, studentOptions, staffOptions, departmentTree, size }
}

export type Recipients = ReturnType<typeof useRecipients>
