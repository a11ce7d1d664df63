import { ElMessage } from 'element-plus'
import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { SchoolClass, SubjectTeacher } from '../../../../domain/org/school-class.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useClassStore, useStaffStore } from '../org/stores.ts'
import { useSubjectStore } from '../subjects/store.ts'

/** Names of a class's teachers for its header: "数学 李老师". */
export function useTeacherNames() {
  const staff = useStaffStore()
  const subjects = useSubjectStore()
  const staffName = (id: string | undefined) => staff.items.find((s) => s.id === id)?.name ?? ''
  const subjectName = (id: string) => subjects.items.find((s) => s.id === id)?.name ?? ''
  return { staffName, subjectName }
}

/** The "edit teachers" dialog: head teacher and subject × teacher rows of one class; save patches the class. */
export function useClassTeachers(visible: Ref<boolean>, schoolClass: Ref<SchoolClass | null>) {
  const staff = useStaffStore()
  const subjects = useSubjectStore()
  const classes = useClassStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const headTeacherId = ref('')
  const rows = ref<SubjectTeacher[]>([])
  const saving = ref(false)

  watch(visible, (open) => {
    if (!open) return
    headTeacherId.value = schoolClass.value?.headTeacherId ?? ''
    rows.value = (schoolClass.value?.subjectTeachers ?? []).map((row) => ({ ...row }))
  })

  const teachers = computed(() => staff.items.filter((s) => s.teaches))
  const subjectOptions = computed(() => subjects.items.filter((s) => s.enabled))

  function add(): void {
    rows.value = [...rows.value, { subjectId: '', staffId: '' }]
  }

  function remove(index: number): void {
    rows.value = rows.value.filter((_row, i) => i !== index)
  }

  const incomplete = computed(() => rows.value.some((row) => !row.subjectId || !row.staffId))

  async function save(): Promise<void> {
    const current = schoolClass.value
    if (!current || saving.value) return
    if (incomplete.value) {
      ElMessage.error({ message: t('homeSchool.teachers.incomplete'), grouping: true })
      return
    }
    saving.value = true
    try {
      const changes = {
        headTeacherId: headTeacherId.value || undefined,
        subjectTeachers: rows.value.map(({ subjectId, staffId }) => ({ subjectId, staffId })),
      }
      if ((await run(() => classes.patch(current.id, changes), t('common.saved'))) !== undefined)
        visible.value = false
    } finally {
      saving.value = false
    }
  }

  return { headTeacherId, rows, saving, teachers, subjectOptions, add, remove, save }
}
