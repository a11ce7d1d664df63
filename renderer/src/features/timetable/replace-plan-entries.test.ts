import { describe, expect, it } from 'vitest'
import type { PlanEntryDraft } from '../../../../domain/timetable/plan-entry.ts'
import { replacePlanEntries } from './replace-plan-entries.ts'
import type { usePlanStore } from './store.ts'

const draft = (periodId: string): PlanEntryDraft => ({
  kind: 'plan_entry',
  termId: 'term-1',
  weekday: 1,
  periodId,
  teacherId: 'teacher-1',
  subjectId: 'subject-1',
  classId: 'class-1',
  locationId: 'room-1',
})

function recordingPlan() {
  const calls: [string, unknown][] = []
  const plan = {
    bulkRemove: async (ids: string[]) => void calls.push(['remove', ids]),
    bulkPut: async (docs: unknown[]) => void calls.push(['put', docs]),
  } as unknown as ReturnType<typeof usePlanStore>
  return { plan, calls }
}

describe('replacePlanEntries', () => {
  it('removes the old entries before it writes the new ones, each with a new id', async () => {
    const { plan, calls } = recordingPlan()
    await replacePlanEntries(plan, ['old-1', 'old-2'], [draft('p1'), draft('p2')])
    expect(calls.map(([call]) => call)).toEqual(['remove', 'put'])
    expect(calls[0]?.[1]).toEqual(['old-1', 'old-2'])
    const written = calls[1]?.[1] as { id: string; periodId: string }[]
    expect(written.map((entry) => entry.periodId)).toEqual(['p1', 'p2'])
    expect(new Set(written.map((entry) => entry.id)).size).toBe(2)
  })

  it('removes nothing when nothing is replaced', async () => {
    const { plan, calls } = recordingPlan()
    await replacePlanEntries(plan, [], [draft('p1')])
    expect(calls.map(([call]) => call)).toEqual(['put'])
  })
})
