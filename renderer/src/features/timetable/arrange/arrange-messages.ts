import type { Problem } from '../../../../../domain/timetable/solver/problem.ts'
import type { SolveProgress, SolveResult } from '../../../../../domain/timetable/solver/solve.ts'

/** Page → worker. */
export type ArrangeRequest =
  { type: 'solve'; problem: Problem; seed: number; timeLimitMs: number } | { type: 'cancel' }

/** Worker → page. */
export type ArrangeReply =
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'done'; result: SolveResult; stoppedByTimeLimit: boolean }
  | { type: 'error'; message: string }
