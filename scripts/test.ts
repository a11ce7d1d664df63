// `npm test`: every check a change must pass, in order, then one summary line of all test counts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const RESULTS = 'test-results'
const VITEST_JSON = `${RESULTS}/vitest.json`
const PLAYWRIGHT_JSON = `${RESULTS}/playwright.json`

interface Counts {
  passed: number
  failed: number
  skipped: number
}

function run(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit' })
  return result.status === 0
}

function vitestCounts(): Counts {
  if (!existsSync(VITEST_JSON)) return { passed: 0, failed: 0, skipped: 0 }
  const report = JSON.parse(readFileSync(VITEST_JSON, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  }
}

function playwrightCounts(): Counts {
  if (!existsSync(PLAYWRIGHT_JSON)) return { passed: 0, failed: 0, skipped: 0 }
  const { stats } = JSON.parse(readFileSync(PLAYWRIGHT_JSON, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number }
  }
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped }
}

rmSync(RESULTS, { recursive: true, force: true })
mkdirSync(RESULTS, { recursive: true })

const steps: [string, string, string[]][] = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  [
    'unit and integration tests',
    'vitest',
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`],
  ],
  ['end-to-end tests', 'playwright', ['test']],
]
const failedSteps = steps
  .filter(([title, command, args]) => !run(title, command, args))
  .map(([title]) => title)

const counts = [vitestCounts(), playwrightCounts()].reduce((a, b) => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
}))
console.log()
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`)
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
process.exit(failedSteps.length ? 1 : 0)
