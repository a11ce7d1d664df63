// `npm run --silent timetable -- solve <in.fet> --out <out.xml> --time-limit <seconds> [--seed n]`: places every
// activity of a FET file; writes FET's `_activities.xml`; exit 0 only when complete (docs/timetabling.md).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { problemFromFet } from '../domain/timetable/fet/fet-to-problem.ts'
import { readFet } from '../domain/timetable/fet/read-fet.ts'
import { fetPlacements, writeFetSolution } from '../domain/timetable/fet/write-fet-solution.ts'
import { solve, type SolveProgress } from '../domain/timetable/solver/solve.ts'

const USAGE = 'usage: timetable solve <in.fet> --out <out.xml> --time-limit <seconds> [--seed n]'
const INCOMPLETE = 1
const BAD_INPUT = 2

function fail(message: string): never {
  console.error(message)
  process.exit(BAD_INPUT)
}

function positiveNumber(text: string | undefined, name: string): number {
  const value = Number(text)
  if (text === undefined || !Number.isFinite(value) || value <= 0)
    fail(`${name} must be a positive number\n${USAGE}`)
  return value
}

function parseCommand() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, 'time-limit': { type: 'string' }, seed: { type: 'string' } },
  })
  const [command, input] = positionals
  if (command !== 'solve' || input === undefined || values.out === undefined) fail(USAGE)
  if (!existsSync(input)) fail(`no such file: ${input}`)
  return {
    input,
    out: values.out,
    timeLimitSeconds: positiveNumber(values['time-limit'], '--time-limit'),
    seed: values.seed === undefined ? 1 : positiveNumber(values.seed, '--seed'),
  }
}

function readProblem(input: string) {
  try {
    return problemFromFet(readFet(readFileSync(input, 'utf8')))
  } catch (error) {
    fail(`${input}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function reportProgress(started: number) {
  let last = 0
  return ({ placed, total, bestCost }: SolveProgress) => {
    const now = performance.now()
    if (now - last < 1000) return
    last = now
    console.error(
      `${((now - started) / 1000).toFixed(1)} s: ${placed}/${total} placed, best cost ${bestCost}`,
    )
  }
}

const { input, out, timeLimitSeconds, seed } = parseCommand()
const problem = readProblem(input)
const started = performance.now()
const result = await solve(problem, {
  seed,
  signal: AbortSignal.timeout(timeLimitSeconds * 1000),
  onProgress: reportProgress(started),
})
writeFileSync(out, writeFetSolution(fetPlacements(problem, result.assignment)))
const placed = result.assignment.filter((placement) => placement !== null).length
const seconds = ((performance.now() - started) / 1000).toFixed(2)
console.error(
  `${result.complete ? 'complete' : 'incomplete'}: ${placed}/${problem.activities.length} placed in ${seconds} s, ` +
    `${result.check.hard.length} hard violations, soft cost ${result.check.softCost}`,
)
for (const violation of result.check.hard.slice(0, 20))
  console.error(`  ${violation.source}: ${violation.reason}`)
process.exit(result.complete ? 0 : INCOMPLETE)
