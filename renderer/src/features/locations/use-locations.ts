import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Location } from '../../../../domain/catalog/location.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { locationRules } from './rules.ts'
import { useLocationStore } from './store.ts'

/**
 * The locations list screen. A location that is not editable (可編輯 off) can only be enabled or disabled:
 * the domain rule refuses any other change, so edit and delete are not offered for it.
 */
export function useLocations() {
  const store = useLocationStore()
  const { t } = useI18n()
  const list = useKindList(store, (location) => [location.name, location.remark])

  const canEdit = (location: Location): boolean => location.editable && list.canWrite(location)

  const columns = computed<TableColumn[]>(() => [
    { key: 'name', title: t('fields.name'), width: 200, flexGrow: 2 },
    { key: 'enabled', title: t('common.status'), width: 100 },
    { key: 'editable', title: t('fields.editable'), width: 110 },
    { key: 'multiClass', title: t('fields.multiClass'), width: 180 },
    { key: 'capacity', title: t('fields.capacity'), width: 110, align: 'right' },
    { key: 'remark', title: t('fields.remark'), width: 160, flexGrow: 2 },
    ...(store.canCreate ? [{ key: 'actions', title: t('common.actions'), width: 200 }] : []),
  ])

  return { ...list, columns, canEdit, canCreate: computed(() => store.canCreate) }
}

interface LocationModel {
  name: string
  enabled: boolean
  editable: boolean
  multiClass: boolean
  capacity: number | undefined
  remark: string
}

function toDraft(model: LocationModel): Draft<Location> {
  const remark = model.remark.trim()
  return {
    name: model.name.trim(),
    enabled: model.enabled,
    editable: model.editable,
    multiClass: model.multiClass,
    ...(model.capacity ? { capacity: model.capacity } : {}),
    ...(remark ? { remark } : {}),
  }
}

/** The add/edit dialog of a location. */
export function useLocationForm(visible: Ref<boolean>, editing: Ref<Location | null>) {
  const store = useLocationStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const dialog = useFormDialog<LocationModel>({
    visible,
    initial: () => ({
      name: editing.value?.name ?? '',
      enabled: editing.value?.enabled ?? true,
      editable: editing.value?.editable ?? true,
      multiClass: editing.value?.multiClass ?? false,
      capacity: editing.value?.capacity,
      remark: editing.value?.remark ?? '',
    }),
    save: (model) => {
      const draft = toDraft(model)
      const current = editing.value
      const write = current
        ? () => store.patch(current.id, { capacity: undefined, remark: undefined, ...draft })
        : () => store.insert(draft)
      return run(write, t('common.saved'))
    },
  })
  const rules = computed(() =>
    locationRules(
      t,
      () => store.items,
      () => editing.value?.id ?? null,
    ),
  )
  const title = computed(() => (editing.value ? t('locations.edit') : t('locations.add')))
  return { ...dialog, rules, title }
}
