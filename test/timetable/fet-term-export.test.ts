import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Location } from '../../domain/catalog/location.ts'
import type { Subject } from '../../domain/catalog/subject.ts'
import type { Term } from '../../domain/catalog/term.ts'
import type { BaseDocument, WireDocument } from '../../domain/documents.ts'
import type { SchoolClass } from '../../domain/org/school-class.ts'
import type { Staff } from '../../domain/org/staff.ts'
import { readFet, readFetSolution } from '../../domain/timetable/fet/read-fet.ts'
import { termToFet, type TermForFet } from '../../domain/timetable/fet/term-to-fet.ts'
import type { PlanEntry } from '../../domain/timetable/plan-entry.ts'
import { demoSchoolDocuments } from '../../sync-server/src/seed/demo.ts'
import { FET_CL, runFetCl } from './fet-cl.ts'

const FET_TIME_LIMIT_SECONDS = 120

const ofKind = <T extends BaseDocument>(docs: readonly WireDocument[] | undefined, kind: T['kind']) =>
  (docs ?? []).filter((doc) => doc.kind === kind) as unknown as T[]

/** The demo school's term with the plan `npm start` seeds. */
export function demoTermForFet(): TermForFet & { term: Term } {
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
      (FET_TIME_LIMIT_SECONDS + 120) * 1000,
    )
  },
)
