import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFetSolution } from '../../domain/timetable/fet/read-fet.ts'
import { FET_EXAMPLES, fetInstalled, runFetClLocked } from './fet-cl.ts'

const BRAZIL = join(FET_EXAMPLES, 'FET-5-official/Brazil/1/Brazil.fet')
// The machine may be loaded (docs/timetabling.md): generous limits, the solver itself needs about a second.
const TIME_LIMIT_SECONDS = 240
const TEST_TIMEOUT_MS = (2 * TIME_LIMIT_SECONDS + 120) * 1000

interface CliRun {
  code: number
  stderr: string
}

function timetableCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'timetable', '--', ...args], (error, _stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr })
    })
  })
}

describe('npm run timetable -- solve', () => {
  let workDir = ''

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'timetable-cli-'))
  })

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('names a missing input file', async () => {
    const run = await timetableCli([
      'solve',
      join(workDir, 'none.fet'),
      '--out',
      join(workDir, 'o.xml'),
      '--time-limit',
      '1',
    ])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('no such file')
  })

  it('names an unsupported constraint', async () => {
    const input = join(workDir, 'unsupported.fet')
    const text =
      '<fet><Time_Constraints_List><ConstraintTeachersMaxGapsPerDay><Weight_Percentage>100' +
      '</Weight_Percentage><Active>true</Active></ConstraintTeachersMaxGapsPerDay></Time_Constraints_List></fet>'
    await writeFile(input, text)
    const run = await timetableCli(['solve', input, '--out', join(workDir, 'o.xml'), '--time-limit', '1'])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('ConstraintTeachersMaxGapsPerDay')
  })

  it.skipIf(!fetInstalled)(
    'solves Brazil.fet (skipped without Debian fet-data), and fet-cl accepts the result locked into the file',
    async () => {
      const out = join(workDir, 'Brazil_activities.xml')
      const run = await timetableCli([
        'solve',
        BRAZIL,
        '--out',
        out,
        '--time-limit',
        String(TIME_LIMIT_SECONDS),
      ])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toContain('placed')
      const placements = readFetSolution(await readFile(out, 'utf8'))
      const brazil = await readFile(BRAZIL, 'utf8')
      const fet = await runFetClLocked(brazil, placements, workDir, 'locked', TIME_LIMIT_SECONDS)
      expect(fet.code, fet.output).toBe(0)
      expect(readFetSolution(fet.activitiesXml ?? '')).toEqual(placements)
    },
    TEST_TIMEOUT_MS,
  )
})
