import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { problemFromFet } from '../../domain/timetable/fet/fet-to-problem.ts'
import { readFet, UnsupportedFetConstraintError } from '../../domain/timetable/fet/read-fet.ts'
import { FET_EXAMPLES, fetInstalled } from './fet-cl.ts'

/** The benchmark schools of issue 17 and its stretch goal (GYR-more-difficult): they must all be read. */
const BENCHMARKS = [
  'Brazil/1/Brazil.fet',
  'Romania/Pedagogic-High-School-Tg-Mures/2007-2008_sem1-d.fet',
  'Spain/2-secondary-school/secondary-school.fet',
  'Hungary/Bethlen/2008-2009/2-newer/Bethlen-2008-2009.fet',
  'Germany/secondary-school-2/GYR.fet',
  'Germany/secondary-school-2/GYR-more-difficult.fet',
].map((file) => join(FET_EXAMPLES, 'FET-5-official', file))

/** 236 files, 112 MB: minutes on a loaded machine. */
const CENSUS_TIMEOUT_MS = 900_000

function exampleFiles(): string[] {
  return execFileSync('find', [FET_EXAMPLES, '-name', '*.fet'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .sort()
}

describe.skipIf(!fetInstalled)(
  "the .fet reader on fet-data's examples (skipped without Debian fet-data)",
  () => {
    it('reads the five benchmark schools into solver problems', () => {
      for (const file of BENCHMARKS) {
        const problem = problemFromFet(readFet(readFileSync(file, 'utf8')))
        expect(problem.activities.length, file).toBeGreaterThan(300)
      }
    })

    it(
      'reads every example, or refuses it only for an unsupported constraint that it names (census in docs/timetabling.md)',
      () => {
        const files = exampleFiles()
        const refusedFor = new Map<string, number>()
        let read = 0
        for (const file of files) {
          try {
            problemFromFet(readFet(readFileSync(file, 'utf8')))
            read++
          } catch (error) {
            expect(error, file).toBeInstanceOf(UnsupportedFetConstraintError)
            const constraint = (error as UnsupportedFetConstraintError).constraint
            expect((error as Error).message).toBe(`unsupported constraint ${constraint}`)
            refusedFor.set(constraint, (refusedFor.get(constraint) ?? 0) + 1)
          }
        }
        expect(files).toHaveLength(236)
        expect(read).toBe(70)
        expect([...refusedFor.values()].reduce((sum, n) => sum + n, 0)).toBe(166)
      },
      CENSUS_TIMEOUT_MS,
    )
  },
)
