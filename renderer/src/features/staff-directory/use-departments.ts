import { ElMessageBox } from 'element-plus'
import { computed, shallowReactive, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { departmentAndDescendants, type Department } from '../../../../domain/org/departments.ts'
import {
  departmentDeleteBlocker,
  directoryCounts,
  moveDepartment,
  nextDepartmentOrder,
} from '../../../../domain/org/staff-directory.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import { useDepartmentStore, useStaffStore } from '../org/stores.ts'
import { departmentRules } from './rules.ts'
import { ALL_KEY, departmentOptions, directoryNodes, selectionOf } from './tree-options.ts'

/**
 * The department tree of the directory: the selection, head counts, and the admins' actions — add (at the top
 * or under a department), edit, move up/down, delete (refused while it has sub-departments or staff).
 */
export function useDepartmentTree(selectedKey: Ref<string>) {
  const store = useDepartmentStore()
  const staffStore = useStaffStore()
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  const list = useKindList(store, (department) => [department.name])
  const selection = computed(() => selectionOf(selectedKey.value))
  const dialog = shallowReactive<{ visible: boolean; editing: Department | null; parentId?: string }>({
    visible: false,
    editing: null,
  })

  const nodes = computed(() =>
    directoryNodes(store.items, directoryCounts(store.items, staffStore.items), {
      all: t('staffDirectory.tree.all'),
      none: t('staffDirectory.tree.none'),
    }),
  )
  const selectedDepartment = computed(() => {
    const current = selection.value
    return current.type === 'department' ? (store.items.find((d) => d.id === current.id) ?? null) : null
  })

  // A department deleted (here or on another PC) while selected: show everyone rather than an empty list.
  watch(selectedDepartment, (department) => {
    if (!department && selection.value.type === 'department') selectedKey.value = ALL_KEY
  })

  function openCreate(parentId?: string): void {
    Object.assign(dialog, { editing: null, parentId, visible: true })
  }

  function openEdit(department: Department): void {
    Object.assign(dialog, { editing: department, parentId: department.parentId, visible: true })
  }

  const canMove = (department: Department, direction: -1 | 1): boolean =>
    moveDepartment(store.items, department.id, direction).length > 0

  async function move(department: Department, direction: -1 | 1): Promise<void> {
    const byId = new Map(store.items.map((d) => [d.id, d]))
    const changed = moveDepartment(store.items, department.id, direction).flatMap(({ id, order }) => {
      const stored = byId.get(id)
      return stored ? [{ ...stored, order }] : []
    })
    await succeeded(() => store.bulkPut(changed), t('staffDirectory.department.moved'))
  }

  async function remove(department: Department): Promise<void> {
    const blocker = departmentDeleteBlocker(store.items, staffStore.items, department.id)
    if (!blocker) return list.remove(department)
    const message = t(
      blocker === 'children' ? 'staffDirectory.department.hasChildren' : 'staffDirectory.department.hasStaff',
      {
        name: department.name,
      },
    )
    await ElMessageBox.alert(message, t('staffDirectory.department.cannotDelete'), {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
    }).catch(() => undefined)
  }

  return {
    nodes,
    selectedDepartment,
    dialog,
    canEdit: computed(() => store.canCreate),
    openCreate,
    openEdit,
    canMove,
    move,
    remove,
  }
}

interface DepartmentModel {
  name: string
  parentId: string | undefined
  headId: string | undefined
  order: number
}

function toDraft(model: DepartmentModel): Draft<Department> {
  return {
    name: model.name.trim(),
    order: model.order,
    ...(model.parentId ? { parentId: model.parentId } : {}),
    ...(model.headId ? { headId: model.headId } : {}),
  }
}

/** The add/edit dialog of a department: name, parent (not itself nor below itself), head, order. */
export function useDepartmentForm(
  visible: Ref<boolean>,
  editing: Ref<Department | null>,
  parentId: Ref<string | undefined>,
) {
  const store = useDepartmentStore()
  const staffStore = useStaffStore()
  const { t, locale } = useI18n()
  const { run } = useWriteFeedback()
  const dialog = useFormDialog<DepartmentModel>({
    visible,
    initial: () => ({
      name: editing.value?.name ?? '',
      parentId: parentId.value,
      headId: editing.value?.headId,
      order: editing.value?.order ?? nextDepartmentOrder(store.items, parentId.value),
    }),
    save: (model) => {
      const draft = toDraft(model)
      const current = editing.value
      const write = current
        ? () => store.patch(current.id, { parentId: undefined, headId: undefined, ...draft })
        : () => store.insert(draft)
      return run(write, t('common.saved'))
    },
  })

  const parentOptions = computed(() => {
    const current = editing.value
    return departmentOptions(
      store.items,
      current ? departmentAndDescendants(store.items, current.id) : undefined,
    )
  })
  const headOptions = computed(() => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    return [...staffStore.items].sort((a, b) => collator.compare(a.name, b.name))
  })
  const siblings = () =>
    store.items.filter((d) => (d.parentId || undefined) === (dialog.model.parentId || undefined))
  const rules = computed(() => departmentRules(t, siblings, () => editing.value?.id ?? null))
  const title = computed(() => {
    if (editing.value) return t('staffDirectory.tree.edit')
    return parentId.value ? t('staffDirectory.tree.addChild') : t('staffDirectory.tree.add')
  })
  return { ...dialog, rules, title, parentOptions, headOptions }
}
