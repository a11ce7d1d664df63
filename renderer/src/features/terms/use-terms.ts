import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, ref, shallowReactive, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  copyPeriods,
  overlappingTerms,
  termProblems,
  type Period,
  type Term,
  type TermProblem,
} from '../../../../domain/catalog/term.ts'
import { newId } from '../../../../domain/documents.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { termRules } from './rules.ts'
import { useTermStore } from './store.ts'

/** The terms list screen: search by name, add and edit in a dialog, delete, open a term's periods. */
export function useTerms() {
  const store = useTermStore()
  const { t } = useI18n()
  const list = useKindList(store, (term) => [term.name])
  const periodsDialog = shallowReactive<{ visible: boolean; term: Term | null }>({
    visible: false,
    term: null,
  })

  const columns = computed<TableColumn[]>(() => [
    { key: 'name', title: t('fields.name'), width: 220, flexGrow: 2 },
    { key: 'start', title: t('terms.start'), width: 130 },
    { key: 'end', title: t('terms.end'), width: 130 },
    { key: 'periods', title: t('terms.periodCount'), width: 110, align: 'right' },
    { key: 'remark', title: t('fields.remark'), width: 160, flexGrow: 1 },
    { key: 'actions', title: t('common.actions'), width: 360 },
  ])

  function openPeriods(term: Term): void {
    periodsDialog.term = term
    periodsDialog.visible = true
  }

  return { ...list, columns, periodsDialog, openPeriods, canCreate: computed(() => store.canCreate) }
}

interface TermModel {
  name: string
  /** `[start, end]` as `YYYY-MM-DD` (the date range picker's value), or null before one is chosen. */
  dates: [string, string] | null
  remark: string
}

/** The add/edit dialog of a term; it asks before saving dates that overlap another term. */
export function useTermForm(visible: Ref<boolean>, editing: Ref<Term | null>) {
  const store = useTermStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()

  async function confirmOverlaps(start: string, end: string): Promise<boolean> {
    const others = overlappingTerms({ id: editing.value?.id, start, end }, store.items)
    if (!others.length) return true
    const names = others.map((term) => `“${term.name}” (${term.start} – ${term.end})`).join(', ')
    return ElMessageBox.confirm(t('terms.overlapMessage', { names }), {
      title: t('terms.overlapTitle'),
      type: 'warning',
      confirmButtonText: t('terms.saveAnyway'),
      cancelButtonText: t('common.cancel'),
    }).then(
      () => true,
      () => false,
    )
  }

  const dialog = useFormDialog<TermModel>({
    visible,
    initial: () => {
      const term = editing.value
      return {
        name: term?.name ?? '',
        dates: term ? [term.start, term.end] : null,
        remark: term?.remark ?? '',
      }
    },
    save: async (model) => {
      if (!model.dates) return undefined
      const [start, end] = model.dates
      if (!(await confirmOverlaps(start, end))) return undefined
      const remark = model.remark.trim()
      const fields = { name: model.name.trim(), start, end, ...(remark ? { remark } : {}) }
      const current = editing.value
      const write = current
        ? () => store.patch(current.id, { remark: undefined, ...fields })
        : () => store.insert({ ...fields, periods: [] } satisfies Draft<Term>)
      return run(write, t('common.saved'))
    },
  })
  const rules = computed(() =>
    termRules(
      t,
      () => store.items,
      () => editing.value?.id ?? null,
    ),
  )
  const title = computed(() => (editing.value ? t('terms.edit') : t('terms.add')))
  return { ...dialog, rules, title }
}

function addMinutes(time: string, minutes: number): string {
  const [h = 0, m = 0] = time.split(':').map(Number)
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 55)
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/** The period definitions (TT-2) of one term: edit rows, copy from another term, save them all at once. */
export function usePeriodEditor(visible: Ref<boolean>, term: Ref<Term | null>) {
  const store = useTermStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const rows = ref<Period[]>([])
  const saving = ref(false)
  const copy = shallowReactive<{ visible: boolean; sourceId: string }>({ visible: false, sourceId: '' })

  watch(visible, (open) => {
    if (open)
      rows.value = (term.value?.periods ?? [])
        .map((p) => ({ ...p }))
        .sort((a, b) => a.start.localeCompare(b.start))
  })

  const canEdit = computed(() => (term.value ? store.permission(term.value, term.value).ok : false))

  function describe(problem: TermProblem): string {
    const label = (p: Period) => `${p.name} (${p.start}–${p.end})`
    switch (problem.type) {
      case 'termEndsBeforeStart':
        return t('periods.problems.termEndsBeforeStart', { start: problem.start, end: problem.end })
      case 'periodEndsBeforeStart':
        return t('periods.problems.periodEndsBeforeStart', { period: label(problem.period) })
      case 'periodsOverlap':
        return t('periods.problems.periodsOverlap', {
          first: label(problem.first),
          second: label(problem.second),
        })
      case 'periodIdTwice':
        return t('periods.problems.periodIdTwice', { id: problem.id })
    }
  }

  const problems = computed(() => {
    const current = term.value
    if (!current) return []
    const blank = rows.value.some((row) => !row.name.trim()) ? [t('periods.nameRequired')] : []
    return [
      ...blank,
      ...termProblems({ start: current.start, end: current.end, periods: rows.value }).map(describe),
    ]
  })

  function add(): void {
    const last = rows.value.at(-1)
    const start = last ? addMinutes(last.end, 10) : '08:00'
    const name = t('periods.defaultName', { n: rows.value.length + 1 })
    rows.value = [...rows.value, { id: newId(), name, start, end: addMinutes(start, 45) }]
  }

  function remove(id: string): void {
    rows.value = rows.value.filter((row) => row.id !== id)
  }

  const copySources = computed(() =>
    store.items.filter((other) => other.id !== term.value?.id && other.periods.length > 0),
  )

  function openCopy(): void {
    copy.sourceId = copySources.value[0]?.id ?? ''
    copy.visible = true
  }

  function confirmCopy(): void {
    const source = copySources.value.find((other) => other.id === copy.sourceId)
    if (!source) return
    rows.value = copyPeriods(source.periods)
    copy.visible = false
  }

  async function save(): Promise<void> {
    const current = term.value
    if (!current || saving.value) return
    const [first] = problems.value
    if (first) {
      ElMessage.error({ message: first, grouping: true })
      return
    }
    const periods = rows.value
      .map((row) => ({ ...row, name: row.name.trim() }))
      .sort((a, b) => a.start.localeCompare(b.start))
    saving.value = true
    try {
      if ((await run(() => store.patch(current.id, { periods }), t('common.saved'))) !== undefined) {
        visible.value = false
      }
    } finally {
      saving.value = false
    }
  }

  return { rows, problems, saving, canEdit, copy, copySources, add, remove, openCopy, confirmCopy, save }
}
