import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Period, Term } from '../../../../../domain/catalog/term.ts'
import {
  arrangeProblem,
  ArrangeInputError,
  demandsFromPlan,
  entriesFromAssignment,
  type ArrangeProblem,
  type ArrangeSettings,
  type LessonDemand,
  type UnavailableTime,
} from '../../../../../domain/timetable/arrange/arrange.ts'
import type { PlanEntryDraft } from '../../../../../domain/timetable/plan-entry.ts'
import type { Violation } from '../../../../../domain/timetable/solver/check.ts'
import type { SolveProgress } from '../../../../../domain/timetable/solver/solve.ts'
import { useWriteFeedback } from '../../../app/use-write-feedback.ts'
import { replacePlanEntries } from '../replace-plan-entries.ts'
import { usePlanStore } from '../store.ts'
import type { References } from '../use-references.ts'
import type { ArrangeReply, ArrangeRequest } from './arrange-messages.ts'

/** A row of the counts panel: a demand, and whether its current plan entries stay where they are. */
export interface DemandRow extends LessonDemand {
  fixed: boolean
}

export interface ArrangeOutcome {
  complete: boolean
  stoppedByTimeLimit: boolean
  drafts: PlanEntryDraft[]
  /** Lessons the solver could not place, in words. */
  unplaced: string[]
  /** Broken hard constraints by kind (the heading is translated, the reasons are the checker's). */
  broken: { kind: Violation['kind']; reasons: string[] }[]
  softBroken: number
}

const SCHOOL_WEEK = [1, 2, 3, 4, 5]
const TIME_LIMIT_MS = 60_000
/** How long a cancelled worker may take to stop by itself before it is terminated. */
const CANCEL_GRACE_MS = 1000

function defaultSettings(weekdaysInUse: number[]): ArrangeSettings {
  return {
    weekdays: [...new Set([...SCHOOL_WEEK, ...weekdaysInUse])].sort(),
    unavailable: [],
    maxLessonsPerDay: null,
    maxGapsPerWeek: null,
    subjectOnDifferentDays: true,
  }
}

function groupByKind(violations: readonly Violation[]): ArrangeOutcome['broken'] {
  const groups = new Map<Violation['kind'], string[]>()
  for (const violation of violations)
    groups.set(violation.kind, [...(groups.get(violation.kind) ?? []), violation.reason])
  return [...groups].map(([kind, reasons]) => ({ kind, reasons }))
}

/**
 * Issue 17 in the app: arrange a term's plan automatically. The counts and constraints panel becomes a solver
 * problem, solved in a Web Worker (progress, cancel, a time limit); the result is previewed and applied as the
 * term's plan entries in one bulk write. Nothing is written before Apply.
 */
export function useArrange(
  visible: Ref<boolean>,
  term: Ref<Term | undefined>,
  periods: Ref<readonly Period[]>,
  references: References,
) {
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  const plan = usePlanStore()
  const rows = ref<DemandRow[]>([])
  const settings = reactive<ArrangeSettings>(defaultSettings([]))
  /** The search's progress; it stays after the search ends, showing how far it got. */
  const progress = shallowRef<SolveProgress | null>(null)
  const running = ref(false)
  const outcome = shallowRef<ArrangeOutcome | null>(null)
  const applying = ref(false)
  let worker: Worker | null = null

  const termEntries = computed(() => plan.items.filter((entry) => entry.termId === term.value?.id))
  const totalLessons = computed(() => rows.value.reduce((sum, row) => sum + row.count, 0))

  function startFromPlan(): void {
    rows.value = demandsFromPlan(termEntries.value).map((demand) => ({ ...demand, fixed: false }))
    Object.assign(settings, defaultSettings(termEntries.value.map((entry) => entry.weekday)))
  }

  watch(visible, (open) => {
    if (!open) return cancel()
    startFromPlan()
    outcome.value = null
    progress.value = null
  })
  // Opened before the term's plan had loaded from the replica: take the counts once it arrives.
  watch(termEntries, () => {
    if (visible.value && !rows.value.length && !running.value) startFromPlan()
  })

  type DemandKey = Pick<LessonDemand, 'classId' | 'subjectId' | 'teacherId'>
  const sameDemand = (row: DemandKey) => (entry: DemandKey) =>
    entry.classId === row.classId && entry.subjectId === row.subjectId && entry.teacherId === row.teacherId

  function buildProblem(): ArrangeProblem | null {
    const current = term.value
    if (!current) return null
    const fixedRows = rows.value.filter((row) => row.fixed)
    try {
      return arrangeProblem({
        termId: current.id,
        periods: periods.value,
        demands: rows.value.map((row) => (row.fixed ? { ...row, doubles: 0 } : row)),
        fixed: termEntries.value.filter((entry) => fixedRows.some((row) => sameDemand(row)(entry))),
        settings,
        sharedLocationIds: new Set(
          [...references.locationById.value.values()]
            .filter((room) => room.multiClass)
            .map((room) => room.id),
        ),
        names: {
          teacher: (id) => references.staffById.value.get(id)?.name ?? id,
          className: (id) => references.classById.value.get(id)?.name ?? id,
          room: (id) => references.locationById.value.get(id)?.name ?? id,
          weekday: (day) => t(`timetable.weekdays.${day}`),
        },
      })
    } catch (error) {
      if (!(error instanceof ArrangeInputError)) throw error
      ElMessage.error(t('arrange.badInput', { reason: error.message }))
      return null
    }
  }

  function lessonInWords(arranged: ArrangeProblem, index: number): string {
    const lesson = arranged.lessons[index]
    if (!lesson) return ''
    const names = references.namesOf({ ...lesson, id: '' })
    return `${names.className} · ${names.subject} · ${names.teacher}`
  }

  function finish(arranged: ArrangeProblem, reply: Extract<ArrangeReply, { type: 'done' }>): void {
    const { result } = reply
    outcome.value = {
      complete: result.complete,
      stoppedByTimeLimit: reply.stoppedByTimeLimit,
      drafts: entriesFromAssignment(arranged, result.assignment, term.value?.id ?? ''),
      unplaced: result.assignment.flatMap((placement, index) =>
        placement ? [] : [lessonInWords(arranged, index)],
      ),
      broken: groupByKind(
        result.check.hard.filter((violation) => !violation.reason.endsWith('is not placed')),
      ),
      softBroken: result.check.soft.length,
    }
  }

  function start(): void {
    if (running.value) return
    const arranged = buildProblem()
    if (!arranged) return
    outcome.value = null
    progress.value = { placed: 0, total: arranged.problem.activities.length, bestCost: 0 }
    running.value = true
    const current = new Worker(new URL('./arrange.worker.ts', import.meta.url), { type: 'module' })
    worker = current
    current.onmessage = (event: MessageEvent<ArrangeReply>) => {
      const reply = event.data
      if (reply.type === 'progress') progress.value = reply.progress
      else {
        if (reply.type === 'done') finish(arranged, reply)
        else ElMessage.error(t('arrange.failed', { reason: reply.message }))
        stop(current)
      }
    }
    const request: ArrangeRequest = {
      type: 'solve',
      problem: arranged.problem,
      seed: 1,
      timeLimitMs: TIME_LIMIT_MS,
    }
    current.postMessage(request)
  }

  function stop(stopped: Worker): void {
    stopped.terminate()
    if (worker === stopped) {
      worker = null
      running.value = false
    }
  }

  /** Stops the search; nothing is written. The worker is asked first and terminated if it does not stop. */
  function cancel(): void {
    const current = worker
    if (!current) return
    current.onmessage = null
    current.postMessage({ type: 'cancel' } satisfies ArrangeRequest)
    worker = null
    running.value = false
    progress.value = null
    setTimeout(() => current.terminate(), CANCEL_GRACE_MS)
  }

  async function apply(): Promise<void> {
    const result = outcome.value
    if (!result || applying.value) return
    const replaced = termEntries.value.filter(
      (entry) => !rows.value.some((row) => row.fixed && sameDemand(row)(entry)),
    )
    const confirmed = await ElMessageBox.confirm(
      t('arrange.confirmApply', { replaced: replaced.length, placed: result.drafts.length }),
      {
        title: t('arrange.applyTitle'),
        type: 'warning',
        confirmButtonText: t('arrange.apply'),
        cancelButtonText: t('common.cancel'),
      },
    ).then(
      () => true,
      () => false,
    )
    if (!confirmed) return
    applying.value = true
    const written = await succeeded(
      () =>
        replacePlanEntries(
          plan,
          replaced.map((entry) => entry.id),
          result.drafts,
        ),
      t('arrange.applied', { n: result.drafts.length }),
    )
    applying.value = false
    if (written) visible.value = false
  }

  const percent = computed(() =>
    progress.value && progress.value.total > 0
      ? Math.round((progress.value.placed / progress.value.total) * 100)
      : 0,
  )

  function addUnavailable(time: UnavailableTime): void {
    const known = settings.unavailable.some(
      (u) => u.teacherId === time.teacherId && u.weekday === time.weekday && u.periodId === time.periodId,
    )
    if (!known) settings.unavailable.push(time)
  }

  return {
    rows,
    settings,
    progress,
    percent,
    running,
    outcome,
    applying,
    totalLessons,
    start,
    cancel,
    apply,
    addUnavailable,
  }
}
