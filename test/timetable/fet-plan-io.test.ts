import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Location } from '../../domain/catalog/location.ts'
import type { Subject } from '../../domain/catalog/subject.ts'
import type { Term } from '../../domain/catalog/term.ts'
import type { BaseDocument, WireDocument } from '../../domain/documents.ts'
import type { SchoolClass } from '../../domain/org/school-class.ts'
import type { Staff } from '../../domain/org/staff.ts'
import { fetPlacementsOf, fetToPlan } from '../../domain/timetable/fet/fet-to-plan.ts'
import { readFet, readFetSolution } from '../../domain/timetable/fet/read-fet.ts'
import { termToFet, type TermForFet } from '../../domain/timetable/fet/term-to-fet.ts'
import type { PlanEntry } from '../../domain/timetable/plan-entry.ts'
import { demoSchoolDocuments } from '../../sync-server/src/seed/demo.ts'
import { bookingText as booking } from '../support/plan-school.ts'
import { FET_CL, FET_EXAMPLES, fetInstalled, runFetCl } from './fet-cl.ts'

// The machine may be loaded: fet-cl needs seconds when idle, minutes when not.
const FET_TIME_LIMIT_SECONDS = 300
const TEST_TIMEOUT_MS = (FET_TIME_LIMIT_SECONDS + 120) * 1000
const BRAZIL = join(FET_EXAMPLES, 'FET-5-official/Brazil/1/Brazil.fet')

const ofKind = <T extends BaseDocument>(docs: readonly WireDocument[] | undefined, kind: T['kind']) =>
  (docs ?? []).filter((doc) => doc.kind === kind) as unknown as T[]

/** The demo school's term with the plan `npm start` seeds. */
function demoTermForFet(): TermForFet & { term: Term } {
  const { catalog, org, timetable } = demoSchoolDocuments(Date.UTC(2026, 8, 1))
  const [term] = ofKind<Term>(catalog, 'term')
  if (!term) throw new Error('the demo school has no term')
  return {
    term,
    institution: '示范学校',
    periods: term.periods,
    teachers: ofKind<Staff>(org, 'staff').filter((staff) => staff.teaches),
    classes: ofKind<SchoolClass>(org, 'class'),
    subjects: ofKind<Subject>(catalog, 'subject'),
    locations: ofKind<Location>(catalog, 'location'),
    entries: ofKind<PlanEntry>(timetable, 'plan_entry'),
  }
}

describe.skipIf(!existsSync(FET_CL))(
  'the demo term exported to FET (skipped without /usr/bin/fet-cl)',
  () => {
    let workDir = ''
    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'fet-term-'))
    })
    afterAll(async () => {
      await rm(workDir, { recursive: true, force: true })
    })

    it(
      'is accepted by fet-cl, which places every lesson where the plan has it',
      async () => {
        const demo = demoTermForFet()
        const { xml, skipped } = termToFet(demo)
        expect(skipped).toEqual([])
        const fet = readFet(xml)
        const lessons = fet.activities.reduce((sum, a) => sum + a.duration, 0)
        expect(lessons).toBe(demo.entries.length)
        const file = join(workDir, 'demo.fet')
        await writeFile(file, xml)
        const run = await runFetCl(file, join(workDir, 'out'), FET_TIME_LIMIT_SECONDS)
        expect(run.code, run.output).toBe(0)
        const solution = readFetSolution(run.activitiesXml ?? '')
        const locked = fet.timeConstraints.flatMap((c) =>
          c.type === 'ActivityPreferredStartingTime'
            ? [{ id: c.activityId, day: c.time.day, hour: c.time.hour }]
            : [],
        )
        expect(solution.map(({ id, day, hour }) => ({ id, day, hour }))).toEqual(locked)
      },
      TEST_TIMEOUT_MS,
    )
  },
)

describe('the demo term through FET and back', () => {
  it('comes back as the same plan entries, shared rooms included', () => {
    const demo = demoTermForFet()
    const fet = readFet(termToFet(demo).xml)
    const result = fetToPlan(fet, fetPlacementsOf(fet), demo, { termId: demo.term.id, periods: demo.periods })
    expect(result.notPlaced).toEqual([])
    expect(Object.values(result.unmatched).flat()).toEqual([])
    expect(result.drafts.map(booking).sort()).toEqual(demo.entries.map(booking).sort())
  })
})

describe.skipIf(!fetInstalled)(
  "Brazil.fet with fet-cl's timetable (skipped without fet and fet-data)",
  () => {
    let workDir = ''
    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'fet-brazil-'))
    })
    afterAll(async () => {
      await rm(workDir, { recursive: true, force: true })
    })

    it(
      'becomes plan entries for the matched teachers, in the default location (Brazil has no rooms)',
      async () => {
        const fet = readFet(await readFile(BRAZIL, 'utf8'))
        const run = await runFetCl(BRAZIL, workDir, FET_TIME_LIMIT_SECONDS)
        expect(run.code, run.output).toBe(0)
        const named = (names: readonly string[]) => names.map((name) => ({ id: `id-${name}`, name }))
        const [missingTeacher = '', ...teachers] = fet.teachers
        const students = fet.years.flatMap((year) => [year, ...year.groups]).map((set) => set.name)
        const periods = fet.hours.map((name, i) => ({
          id: `p${i}`,
          name,
          start: `0${i}:00`,
          end: `0${i}:45`,
        }))
        const school = {
          teachers: named(teachers),
          classes: named(students),
          subjects: named(fet.subjects),
          locations: [],
        }
        const target = { termId: 'term', periods, defaultLocationId: 'room' }
        const result = fetToPlan(
          fet,
          fetPlacementsOf(fet, readFetSolution(run.activitiesXml ?? '')),
          school,
          target,
        )
        const ofMissing = fet.activities.filter((a) => a.teachers.includes(missingTeacher))
        expect(result.unmatched).toEqual({
          teachers: [missingTeacher],
          students: [],
          subjects: [],
          rooms: [],
        })
        expect(result.notPlaced).toEqual(
          ofMissing.map((a) => ({ activityId: a.id, reason: 'unmatchedTeacher' })),
        )
        const hours = (activities: typeof fet.activities) =>
          activities.reduce((sum, a) => sum + a.duration, 0)
        expect(result.drafts).toHaveLength(hours(fet.activities) - hours(ofMissing))
        expect(new Set(result.drafts.map((d) => d.locationId))).toEqual(new Set(['room']))
      },
      TEST_TIMEOUT_MS,
    )
  },
)
