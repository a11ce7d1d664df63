// `npm test`: every check a change must pass, in order, then one summary line of all test counts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { relative } from 'node:path'

const RESULTS = 'test-results'
const VITEST_JSON = `${RESULTS}/vitest.json`
const PLAYWRIGHT_JSON = `${RESULTS}/playwright.json`

function run(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit' })
  return result.status === 0
}

interface Outcome {
  passed: number
  failed: number
  skipped: number
  /** "file › test" of each failed test, so that the last lines of a CI log name them. */
  failedTests: string[]
}

const NO_OUTCOME: Outcome = { passed: 0, failed: 0, skipped: 0, failedTests: [] }

interface VitestReport {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  testResults: {
    name: string
    status: string
    message: string
    assertionResults: { fullName: string; status: string }[]
  }[]
}

function failedInFile(file: VitestReport['testResults'][number]): string[] {
  const path = relative(process.cwd(), file.name)
  const tests = file.assertionResults.filter((test) => test.status === 'failed')
  if (tests.length) return tests.map((test) => `${path} › ${test.fullName}`)
  return file.status === 'failed' ? [`${path} › ${file.message.split('\n')[0]}`] : []
}

function vitestOutcome(): Outcome {
  if (!existsSync(VITEST_JSON)) return NO_OUTCOME
  const report = JSON.parse(readFileSync(VITEST_JSON, 'utf8')) as VitestReport
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    failedTests: report.testResults.flatMap(failedInFile),
  }
}

interface PlaywrightSuite {
  file: string
  specs?: { title: string; ok: boolean }[]
  suites?: PlaywrightSuite[]
}

function failedSpecs(suite: PlaywrightSuite): string[] {
  const own = (suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => `${suite.file} › ${spec.title}`)
  return [...own, ...(suite.suites ?? []).flatMap(failedSpecs)]
}

function playwrightOutcome(): Outcome {
  if (!existsSync(PLAYWRIGHT_JSON)) return NO_OUTCOME
  const { stats, suites } = JSON.parse(readFileSync(PLAYWRIGHT_JSON, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number }
    suites: PlaywrightSuite[]
  }
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected,
    skipped: stats.skipped,
    failedTests: suites.flatMap(failedSpecs),
  }
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

const counts = [vitestOutcome(), playwrightOutcome()].reduce((a, b) => ({
  passed: a.passed + b.passed,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
  failedTests: [...a.failedTests, ...b.failedTests],
}))
console.log()
for (const test of counts.failedTests) console.log(`failed: ${test}`)
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`)
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
process.exit(failedSteps.length ? 1 : 0)
