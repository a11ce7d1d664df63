import { ElMessage } from 'element-plus'
import { computed, ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Term } from '../../../../../domain/catalog/term.ts'
import type { FetFile, FetPlacement } from '../../../../../domain/timetable/fet/fet-model.ts'
import { fetPlacementsOf, fetToPlan } from '../../../../../domain/timetable/fet/fet-to-plan.ts'
import { readFetForImport, readFetSolution } from '../../../../../domain/timetable/fet/read-fet.ts'
import { termToFet } from '../../../../../domain/timetable/fet/term-to-fet.ts'
import type { PlanEntry } from '../../../../../domain/timetable/plan-entry.ts'
import { desktop } from '../../../app/desktop.ts'
import { useFileSave } from '../../../app/use-xlsx-save.ts'
import { useWriteFeedback } from '../../../app/use-write-feedback.ts'
import { reasonOf } from '../../../ui/reason-of.ts'
import { useAuthStore } from '../../auth/store.ts'
import { useLocationStore } from '../../locations/store.ts'
import { useClassStore, useStaffStore } from '../../org/stores.ts'
import { useSubjectStore } from '../../subjects/store.ts'
import { replacePlanEntries } from '../replace-plan-entries.ts'
import { usePlanStore } from '../store.ts'

const FET_FILTER = { name: 'FET', extensions: ['fet'] }
const SOLUTION_FILTER = { name: 'FET timetable', extensions: ['xml'] }

export type ImportMode = 'add' | 'replace'

/** The file being imported: what it says, and where its activities are. */
interface PickedFet {
  name: string
  fet: FetFile
  skippedConstraints: string[]
  solution: { name: string; placements: FetPlacement[] } | null
}

async function pickText(filter: { name: string; extensions: string[] }) {
  const file = await desktop.openFile({ filters: [filter] })
  return file.opened ? { name: file.name, text: new TextDecoder().decode(file.data) } : null
}

/** Issue 17: the term's scheduling plan to a `.fet` file, and a `.fet` file (with its timetable) into the plan. */
export function useFetTransfer(term: Ref<Term | undefined>, termEntries: Ref<PlanEntry[]>) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const plan = usePlanStore()
  const staff = useStaffStore()
  const classes = useClassStore()
  const subjects = useSubjectStore()
  const locations = useLocationStore()
  const fetSave = useFileSave(FET_FILTER)
  const { succeeded } = useWriteFeedback()

  const school = computed(() => ({
    teachers: staff.items.filter((person) => person.teaches),
    classes: classes.items,
    subjects: subjects.items,
    locations: locations.items,
  }))

  async function exportFet(): Promise<void> {
    const current = term.value
    if (!current) return
    const institution = auth.user?.schoolId ?? ''
    await fetSave.save(`${institution}-${current.name}`, async () => {
      const { xml } = termToFet({
        institution,
        periods: current.periods,
        ...school.value,
        entries: termEntries.value,
      })
      return xml
    })
  }

  const picked = shallowRef<PickedFet | null>(null)
  const defaultLocationId = ref('')
  const mode = ref<ImportMode>('add')
  const applying = ref(false)
  const visible = computed({
    get: () => picked.value !== null,
    set: (open: boolean) => {
      if (!open) picked.value = null
    },
  })

  const preview = computed(() => {
    const current = term.value
    if (!picked.value || !current) return null
    const { fet, solution } = picked.value
    const placements = fetPlacementsOf(fet, solution?.placements)
    const target = {
      termId: current.id,
      periods: current.periods,
      ...(defaultLocationId.value ? { defaultLocationId: defaultLocationId.value } : {}),
    }
    return fetToPlan(fet, placements, school.value, target)
  })

  function refused(error: unknown): void {
    ElMessage.error({ message: t('fet.unreadable', { reason: reasonOf(error) }), grouping: true })
  }

  async function pickImport(): Promise<void> {
    try {
      const file = await pickText(FET_FILTER)
      if (!file) return
      const { fet, skippedConstraints } = readFetForImport(file.text)
      // A .fet file is usually a whole timetable: adding it to a planned term would book every lesson twice.
      mode.value = termEntries.value.length ? 'replace' : 'add'
      defaultLocationId.value = ''
      picked.value = { name: file.name, fet, skippedConstraints, solution: null }
    } catch (error) {
      refused(error)
    }
  }

  async function pickSolution(): Promise<void> {
    const current = picked.value
    if (!current) return
    try {
      const file = await pickText(SOLUTION_FILTER)
      if (!file) return
      picked.value = { ...current, solution: { name: file.name, placements: readFetSolution(file.text) } }
    } catch (error) {
      refused(error)
    }
  }

  async function apply(): Promise<void> {
    const result = preview.value
    if (!result || applying.value) return
    applying.value = true
    const replaced = mode.value === 'replace' ? termEntries.value.map((entry) => entry.id) : []
    const entries = result.drafts.map(({ activityId: _activityId, ...draft }) => ({
      kind: 'plan_entry' as const,
      ...draft,
    }))
    const written = await succeeded(
      () => replacePlanEntries(plan, replaced, entries),
      t('fet.imported', { n: entries.length }),
    )
    applying.value = false
    if (written) picked.value = null
  }

  return {
    exporting: fetSave.saving,
    exportFet,
    picked,
    visible,
    preview,
    defaultLocationId,
    mode,
    applying,
    pickImport,
    pickSolution,
    apply,
  }
}

export type FetTransfer = ReturnType<typeof useFetTransfer>
