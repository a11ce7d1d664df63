import { ElMessage } from 'element-plus'
import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useClassStore } from '../org/stores.ts'
import { useAccountStore } from '../org/accounts.ts'
import { useAdminAction } from './use-admin.ts'
import type { Student } from '../../../../domain/org/student.ts'
import type { MoveDialog } from './use-students.ts'

const today = () => new Date().toLocaleDateString('sv-SE')

/**
 * Leave school (account disabled, history kept) and transfer to another class: both through the server's admin
 * routes, which write the audit log and replicate the changed student back to every PC.
 */
export function useStudentMove(
  visible: Ref<boolean>,
  mode: Ref<MoveDialog['mode']>,
  student: Ref<Student | null>,
) {
  const classes = useClassStore()
  const accounts = useAccountStore()
  const { call } = useAdminAction()
  const { t } = useI18n()
  const model = reactive({ on: today(), reason: '', classId: '' })
  const saving = ref(false)

  watch(visible, (open) => {
    if (open) Object.assign(model, { on: today(), reason: '', classId: '' })
  })

  const targets = computed(() => classes.items.filter((c) => c.id !== student.value?.classId))
  const title = computed(() => t(`homeSchool.move.${mode.value}Title`, { name: student.value?.name ?? '' }))
  const ready = computed(() => (mode.value === 'leave' ? Boolean(model.on) : Boolean(model.classId)))

  async function submit(): Promise<void> {
    const current = student.value
    if (!current || !ready.value || saving.value) return
    saving.value = true
    try {
      const reason = model.reason.trim() || undefined
      const done = await call((api) =>
        mode.value === 'leave'
          ? api.leave(current.id, model.on, reason)
          : api.transfer(current.id, model.classId),
      )
      if (done === undefined) return
      ElMessage.success(t(`homeSchool.move.${mode.value}Done`, { name: current.name }))
      visible.value = false
      await accounts.reload()
    } finally {
      saving.value = false
    }
  }

  return { model, saving, targets, title, ready, submit }
}
