import type { Lesson } from '../../../../domain/timetable/lesson.ts'
import type { PlanEntry } from '../../../../domain/timetable/plan-entry.ts'
import { defineKindStore } from '../../app/kind-store.ts'

/** TT-5 scheduling plan entries of every term, live from the local replica. */
export const usePlanStore = defineKindStore<PlanEntry>('planEntries', 'plan_entry')

/** TT-7/TT-8 dated lessons of every term, live from the local replica. */
export const useLessonStore = defineKindStore<Lesson>('lessons', 'lesson')
