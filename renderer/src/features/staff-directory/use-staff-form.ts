import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Staff } from '../../../../domain/org/staff.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import { useDepartmentStore, useStaffStore } from '../org/stores.ts'
import { staffRules } from './rules.ts'
import { departmentOptions } from './tree-options.ts'

interface StaffModel {
  name: string
  phone: string
  staffNo: string
  position: string
  departmentIds: string[]
  tags: string[]
  teaches: boolean
  admin: boolean
}

function toDraft(model: StaffModel): Draft<Staff> {
  const optional = (value: string) => value.trim() || undefined
  const phone = optional(model.phone)
  const staffNo = optional(model.staffNo)
  const position = optional(model.position)
  return {
    name: model.name.trim(),
    departmentIds: model.departmentIds,
    tags: [...new Set(model.tags.map((tag) => tag.trim()).filter(Boolean))],
    teaches: model.teaches,
    ...(phone ? { phone } : {}),
    ...(staffNo ? { staffNo } : {}),
    ...(position ? { position } : {}),
    ...(model.admin ? { admin: true } : {}),
  }
}

/** The add/edit dialog of a staff member; a new one starts in the department selected in the tree. */
export function useStaffForm(
  visible: Ref<boolean>,
  editing: Ref<Staff | null>,
  departmentId: Ref<string | undefined>,
) {
  const store = useStaffStore()
  const departmentStore = useDepartmentStore()
  const { t, locale } = useI18n()
  const { run } = useWriteFeedback()
  const dialog = useFormDialog<StaffModel>({
    visible,
    initial: () => {
      const member = editing.value
      return {
        name: member?.name ?? '',
        phone: member?.phone ?? '',
        staffNo: member?.staffNo ?? '',
        position: member?.position ?? '',
        departmentIds: member ? [...member.departmentIds] : departmentId.value ? [departmentId.value] : [],
        tags: [...(member?.tags ?? [])],
        teaches: member?.teaches ?? true,
        admin: member?.admin ?? false,
      }
    },
    save: (model) => {
      const draft = toDraft(model)
      const current = editing.value
      const cleared = { phone: undefined, staffNo: undefined, position: undefined, admin: undefined }
      const write = current
        ? () => store.patch(current.id, { ...cleared, ...draft })
        : () => store.insert(draft)
      return run(write, t('common.saved'))
    },
  })

  const departmentChoices = computed(() => departmentOptions(departmentStore.items))
  const tagChoices = computed(() => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    return [...new Set(store.items.flatMap((member) => member.tags))].sort(collator.compare)
  })
  const rules = computed(() =>
    staffRules(
      t,
      () => store.items,
      () => editing.value?.id ?? null,
    ),
  )
  const title = computed(() => (editing.value ? t('staffDirectory.edit') : t('staffDirectory.add')))
  return { ...dialog, rules, title, departmentChoices, tagChoices }
}
