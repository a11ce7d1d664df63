import { ElMessage, type FormRules } from 'element-plus'
import { computed, ref, shallowReactive, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Campus, Grade } from '../../../../domain/org/campus.ts'
import {
  deletionBlocker,
  directoryTree,
  findNode,
  type DirectoryNode,
} from '../../../../domain/org/directory.ts'
import type { SchoolClass } from '../../../../domain/org/school-class.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { maxLengthRule, requiredRule } from '../../ui/form-rules.ts'
import { useCampusStore, useClassStore, useGradeStore, useStudentStore } from '../org/stores.ts'

export type UnitType = 'campus' | 'grade' | 'class'
type Unit = Campus | Grade | SchoolClass

/** What the campus / grade / class dialog edits: a new unit under `parent`, or `editing`. */
export interface UnitDialog {
  visible: boolean
  type: UnitType
  editing: Unit | null
  parent: DirectoryNode | null
}

/** The tree campus → grade → class, the selected node, and the admins' changes to campuses, grades, classes. */
export function useDirectory() {
  const campuses = useCampusStore()
  const grades = useGradeStore()
  const classes = useClassStore()
  const students = useStudentStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const selectedKey = ref<string | null>(null)
  const unitDialog = shallowReactive<UnitDialog>({
    visible: false,
    type: 'campus',
    editing: null,
    parent: null,
  })

  const tree = computed(() =>
    directoryTree({
      campuses: campuses.items,
      grades: grades.items,
      classes: classes.items,
      students: students.items,
    }),
  )
  const selected = computed(() => (selectedKey.value ? findNode(tree.value, selectedKey.value) : null))
  const selectedClass = computed(() =>
    selected.value?.type === 'class'
      ? (classes.items.find((c) => c.id === selected.value?.id) ?? null)
      : null,
  )
  /** The classes the right side shows: those under the selected node, or the whole school. */
  const scopeClasses = computed(() => {
    const ids = new Set(selected.value?.classIds ?? tree.value.flatMap((n) => n.classIds))
    return classes.items.filter((c) => ids.has(c.id))
  })
  const canManage = computed(() => campuses.canCreate)

  function unitOf(node: DirectoryNode): Unit | undefined {
    const stores = { campus: campuses.items, grade: grades.items, class: classes.items, noCampus: [] }
    return (stores[node.type] as readonly Unit[]).find((u) => u.id === node.id)
  }

  function openAdd(type: UnitType, parent: DirectoryNode | null): void {
    Object.assign(unitDialog, { visible: true, type, editing: null, parent })
  }

  function openEdit(node: DirectoryNode): void {
    const unit = unitOf(node)
    if (unit) Object.assign(unitDialog, { visible: true, type: unit.kind, editing: unit, parent: null })
  }

  async function removeUnit(node: DirectoryNode): Promise<void> {
    const unit = unitOf(node)
    if (!unit) return
    const blocker = deletionBlocker(unit, {
      grades: grades.items,
      classes: classes.items,
      students: students.items,
    })
    if (blocker) {
      ElMessage.warning(t(`homeSchool.units.blocked.${blocker.type}`, { name: unit.name, n: blocker.count }))
      return
    }
    const confirmed = await confirmDelete(t('common.confirmDelete', { name: unit.name }))
    if (!confirmed) return
    const store = { campus: campuses, grade: grades, class: classes }[unit.kind]
    if (
      (await run(() => store.remove(unit.id), t('common.deleted'))) !== undefined &&
      selected.value === node
    )
      selectedKey.value = null
  }

  return {
    tree,
    selectedKey,
    selected,
    selectedClass,
    scopeClasses,
    canManage,
    unitDialog,
    openAdd,
    openEdit,
    removeUnit,
  }
}

interface UnitModel {
  name: string
  order: number
  year: number
  code: string
}

const thisYear = () => new Date().getFullYear()

/** The add/edit dialog of a campus, a grade (in a campus) or a class (in a grade). */
export function useUnitForm(visible: Ref<boolean>, dialog: UnitDialog) {
  const campuses = useCampusStore()
  const grades = useGradeStore()
  const classes = useClassStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()

  const siblingsCount = () => {
    const parentId = dialog.parent?.id
    if (dialog.type === 'campus') return campuses.items.length
    return grades.items.filter((g) => g.campusId === parentId).length
  }

  const form = useFormDialog<UnitModel>({
    visible,
    initial: () => {
      const u = dialog.editing
      return {
        name: u?.name ?? '',
        order: u && 'order' in u ? u.order : siblingsCount(),
        year: (u && 'year' in u ? u.year : undefined) ?? thisYear(),
        code: u?.kind === 'class' ? (u.code ?? '') : '',
      }
    },
    save: (model) => run(() => saveUnit(model), t('common.saved')),
  })

  function saveUnit(model: UnitModel): Promise<unknown> {
    const name = model.name.trim()
    const editing = dialog.editing
    const parent = dialog.parent
    switch (dialog.type) {
      case 'campus':
        return editing
          ? campuses.patch(editing.id, { name, order: model.order })
          : campuses.insert({ name, order: model.order })
      case 'grade':
        return editing
          ? grades.patch(editing.id, { name, order: model.order, year: model.year })
          : grades.insert({ name, order: model.order, year: model.year, campusId: parent?.id ?? '' })
      case 'class': {
        const code = model.code.trim()
        const fields = { name, year: model.year, ...(code ? { code } : {}) }
        if (editing) return classes.patch(editing.id, { code: undefined, ...fields })
        const grade = parent?.id ? { gradeId: parent.id } : {}
        return classes.insert({ ...fields, ...grade, gradeName: parent?.name ?? '', subjectTeachers: [] })
      }
    }
  }

  const rules = computed<FormRules>(() => ({
    name: [
      requiredRule(t('homeSchool.units.nameRequired')),
      maxLengthRule(30, t('homeSchool.units.nameTooLong')),
    ],
  }))
  const title = computed(() =>
    t(`homeSchool.units.${dialog.editing ? 'edit' : 'add'}.${dialog.type}`, {
      name: dialog.parent?.name ?? '',
    }),
  )
  return { ...form, rules, title }
}
