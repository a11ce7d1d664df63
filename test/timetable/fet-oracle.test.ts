import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FetFile, FetPlacement } from '../../domain/timetable/fet/fet-model.ts'
import { assignmentFromFet, problemFromFet } from '../../domain/timetable/fet/fet-to-problem.ts'
import { readFet, readFetSolution } from '../../domain/timetable/fet/read-fet.ts'
import { fetPlacements } from '../../domain/timetable/fet/write-fet-solution.ts'
import { check } from '../../domain/timetable/solver/check.ts'
import { constraint, place, schoolFet, schoolProblem, type Placements } from '../support/fet-school.ts'
import { FET_EXAMPLES, fetInstalled, runFetCl, runFetClLocked, type FetRun } from './fet-cl.ts'

const BRAZIL = join(FET_EXAMPLES, 'FET-5-official/Brazil/1/Brazil.fet')
// The machine may be loaded: FET takes 0.5 s on Brazil when idle, tens of seconds when not.
const FET_TIME_LIMIT_SECONDS = 300
const TEST_TIMEOUT_MS = (FET_TIME_LIMIT_SECONDS + 120) * 1000

/** The first activity of a teacher with a hard not-available time, moved onto that time. */
function moveOntoUnavailableTime(fet: FetFile, placements: FetPlacement[]) {
  for (const constraint of fet.timeConstraints) {
    if (constraint.type !== 'TeacherNotAvailableTimes' || constraint.weight < 100) continue
    const activity = fet.activities.find((a) => a.active && a.teachers.includes(constraint.teacher))
    const time = constraint.times[0]
    if (!activity || !time) continue
    const moved = placements.map((p) => (p.id === activity.id ? { ...p, ...time } : p))
    return { activityId: activity.id, teacher: constraint.teacher, moved }
  }
  throw new Error('no teacher with a not-available time')
}

/** An activity moved onto the start of another activity of the same teacher (the teacher is busy then). */
function moveOntoTeacherBusySlot(fet: FetFile, placements: FetPlacement[]) {
  const [first, ...rest] = fet.activities.filter((a) => a.active && a.duration === 1)
  const other = rest.find((a) => a.teachers.some((t) => first?.teachers.includes(t)))
  const busy = placements.find((p) => p.id === other?.id)
  if (!first || !busy) throw new Error('no two activities of one teacher')
  return placements.map((p) => (p.id === first.id ? { ...p, day: busy.day, hour: busy.hour } : p))
}

/** FET's solution of a run that must have succeeded. */
/** A refused tiny school: fet-cl retries an activity past its time limit, so it is stopped after this many seconds. */
const TINY_STOP_AFTER_SECONDS = 10

/** What our checker finds broken in `placements` of a tiny school, and whether fet-cl accepts them locked. */
async function judgedByBoth(fetText: string, placements: Placements, workDir: string, name: string) {
  const problem = schoolProblem(fetText)
  const assignment = place(problem, placements)
  const run = await runFetClLocked(
    fetText,
    fetPlacements(problem, assignment),
    workDir,
    name,
    FET_TIME_LIMIT_SECONDS,
    TINY_STOP_AFTER_SECONDS,
  )
  return { hard: check(problem, assignment).hard.map((v) => v.reason), accepted: run.activitiesXml !== null }
}

function solutionOf(run: FetRun): FetPlacement[] {
  if (run.code !== 0 || run.activitiesXml === null)
    throw new Error(`fet-cl failed (${run.code}):\n${run.output}`)
  return readFetSolution(run.activitiesXml)
}

describe.skipIf(!fetInstalled)(
  'FET as the oracle on Brazil (skipped without Debian fet and fet-data)',
  () => {
    let workDir = ''
    let fetText = ''
    let fet: FetFile
    let fetSolution: FetPlacement[] = []

    const runLocked = (name: string, placements: FetPlacement[]) =>
      runFetClLocked(fetText, placements, workDir, name, FET_TIME_LIMIT_SECONDS)

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'fet-oracle-'))
      fetText = await readFile(BRAZIL, 'utf8')
      fet = readFet(fetText)
      fetSolution = solutionOf(await runFetCl(BRAZIL, join(workDir, 'generated'), FET_TIME_LIMIT_SECONDS))
    }, TEST_TIMEOUT_MS)

    afterAll(async () => {
      if (workDir) await rm(workDir, { recursive: true, force: true })
    })

    it('finds no broken hard constraint in FET own solution, every activity placed', () => {
      const problem = problemFromFet(fet)
      const assignment = assignmentFromFet(problem, fetSolution)
      expect(assignment.every((placement) => placement !== null)).toBe(true)
      expect(check(problem, assignment).hard).toEqual([])
    })

    it(
      'locks FET solution into the file, and fet-cl accepts it',
      async () => {
        expect(solutionOf(await runLocked('locked', fetSolution))).toEqual(fetSolution)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      'reports an activity moved onto its teacher not-available time, and fet-cl refuses the locked file',
      async () => {
        const { activityId, teacher, moved } = moveOntoUnavailableTime(fet, fetSolution)
        const problem = problemFromFet(fet)
        const reasons = check(problem, assignmentFromFet(problem, moved)).hard.map((v) => v.reason)
        expect(
          reasons.some((r) => r.includes(`activity ${activityId} is at`) && r.includes(`teacher ${teacher}`)),
        ).toBe(true)
        const run = await runLocked('broken', moved)
        expect(run.code, run.output).not.toBe(0)
        expect(run.activitiesXml).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it('reports an activity moved onto a slot where its teacher already teaches', () => {
      // Not given to fet-cl: 6.8.5 searches on past its time limit on such a locked file (docs/timetabling.md).
      const problem = problemFromFet(fet)
      const reasons = check(
        problem,
        assignmentFromFet(problem, moveOntoTeacherBusySlot(fet, fetSolution)),
      ).hard
      expect(reasons.some((v) => v.kind === 'basicTime' && v.reason.includes('has 2 activities at'))).toBe(
        true,
      )
    })
  },
)

describe.skipIf(!fetInstalled)('FET as the oracle on Spain (skipped without Debian fet and fet-data)', () => {
  const SPAIN = join(FET_EXAMPLES, 'FET-5-official/Spain/2-secondary-school/secondary-school.fet')
  let workDir = ''

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it(
    'finds no broken hard constraint in FET own solution (two activities consecutive across a break)',
    async () => {
      workDir = await mkdtemp(join(tmpdir(), 'fet-oracle-spain-'))
      const problem = problemFromFet(readFet(await readFile(SPAIN, 'utf8')))
      const fetSolution = solutionOf(await runFetCl(SPAIN, workDir, FET_TIME_LIMIT_SECONDS))
      const assignment = assignmentFromFet(problem, fetSolution)
      expect(assignment.every((placement) => placement !== null)).toBe(true)
      expect(check(problem, assignment).hard).toEqual([])
    },
    TEST_TIMEOUT_MS,
  )
})

describe.skipIf(!fetInstalled)(
  'FET as the oracle on a tiny school: at most two activities of a MinDaysBetweenActivities on one day',
  () => {
    // Activities 1, 2 (teacher A, G1) and 3 (B, Y2, 2 hours) of one 95 % constraint; base: 1 and 3 on Monday.
    const threeApart = constraint(
      'MinDaysBetweenActivities',
      '<Number_of_Activities>3</Number_of_Activities><Activity_Id>1</Activity_Id><Activity_Id>2</Activity_Id>' +
        '<Activity_Id>3</Activity_Id><MinDays>1</MinDays><Consecutive_If_Same_Day>false</Consecutive_If_Same_Day>',
      95,
    )
    let workDir = ''
    const judged = (name: string, placements: Placements) =>
      judgedByBoth(schoolFet([threeApart]), placements, workDir, name)

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'fet-oracle-tiny-'))
    })

    afterAll(async () => {
      if (workDir) await rm(workDir, { recursive: true, force: true })
    })

    it(
      'two on one day: no hard violation by our checker, and fet-cl accepts it locked',
      async () => {
        expect(await judged('two', {})).toEqual({ hard: [], accepted: true })
      },
      TEST_TIMEOUT_MS,
    )

    it(
      'three on one day: our checker reports it, and fet-cl refuses it locked',
      async () => {
        expect(await judged('three', { 2: ['Mo', '3', 'R1'] })).toEqual({
          hard: ['activity 1, activity 2 and activity 3 are on Mo, at most 2'],
          accepted: false,
        })
      },
      TEST_TIMEOUT_MS,
    )
  },
)

describe.skipIf(!fetInstalled)(
  'FET as the oracle on a tiny school: interval max days per week, hours by name, the end excluded',
  () => {
    const interval = (start: string, end: string) =>
      `<Interval_Start_Hour>${start}</Interval_Start_Hour><Interval_End_Hour>${end}</Interval_End_Hour>` +
      '<Max_Days_Per_Week>1</Max_Days_Per_Week>'
    // Base: teacher A at Mo 1 and Tu 1, teacher B at Mo 1–2 and We 2.
    const cases: { name: string; time: string; placements: Placements; hard: string[]; accepted: boolean }[] =
      [
        {
          name: 'start-included',
          time: constraint(
            'TeacherIntervalMaxDaysPerWeek',
            `<Teacher_Name>A</Teacher_Name>${interval('1', '3')}`,
          ),
          placements: {},
          hard: ['teacher A: 2 days with lessons in hours 1–2, at most 1'],
          accepted: false,
        },
        {
          name: 'end-excluded',
          time: constraint(
            'TeacherIntervalMaxDaysPerWeek',
            `<Teacher_Name>A</Teacher_Name>${interval('1', '3')}`,
          ),
          placements: { 2: ['Tu', '3', 'R1'] },
          hard: [],
          accepted: true,
        },
        {
          name: 'empty-end-is-the-day-end',
          time: constraint('TeachersIntervalMaxDaysPerWeek', interval('2', '')),
          placements: {},
          hard: ['teacher B: 2 days with lessons in hours 2–4, at most 1'],
          accepted: false,
        },
        {
          name: 'before-the-interval',
          time: constraint('TeachersIntervalMaxDaysPerWeek', interval('2', '')),
          placements: { 4: ['We', '1', 'R2'] },
          hard: [],
          accepted: true,
        },
      ]
    let workDir = ''

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'fet-oracle-interval-'))
    })

    afterAll(async () => {
      if (workDir) await rm(workDir, { recursive: true, force: true })
    })

    it.each(cases)(
      '$name: our checker and fet-cl locked agree',
      async ({ name, time, placements, hard, accepted }) => {
        expect(await judgedByBoth(schoolFet([time]), placements, workDir, name)).toEqual({ hard, accepted })
      },
      TEST_TIMEOUT_MS,
    )
  },
)
