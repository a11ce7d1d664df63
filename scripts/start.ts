// `npm start`: build the app if needed, start the sync server with demo data, then open the desktop app against
// it, or, where Electron cannot start, say why in one line and keep serving the app in web mode.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  BUILD_INPUTS,
  BUILD_OUTPUTS,
  isBuildStale,
  modificationTime,
  newestModificationTime,
} from './build-freshness.ts'
import {
  describeHost,
  installedElectronBinary,
  shouldTryElectronDownload,
  whyElectronCannotRun,
} from './electron-runtime.ts'

const PROJECT_DIR = resolve(import.meta.dirname, '..')
const SERVER_ENTRY = 'sync-server/src/server.ts'
const HEALTH_TIMEOUT_MS = 60_000

const port = process.env.PORT ?? '7420'
const host = process.env.HOST ?? '127.0.0.1'
// Loopback and wildcard addresses are shown as localhost, as in the README; IPv6 literals need brackets in URLs.
const urlHost = ['127.0.0.1', 'localhost', '0.0.0.0', '::'].includes(host)
  ? 'localhost'
  : host.includes(':')
    ? `[${host}]`
    : host
const serverUrl = `http://${urlHost}:${port}`

function runNode(args: string[], timeout?: number): boolean {
  return spawnSync(process.execPath, args, { cwd: PROJECT_DIR, stdio: 'inherit', timeout }).status === 0
}

function buildIfStale(): void {
  const outputTimes = BUILD_OUTPUTS.map((output) => modificationTime(join(PROJECT_DIR, output)))
  if (!isBuildStale(outputTimes, newestModificationTime(PROJECT_DIR, BUILD_INPUTS))) return
  console.log('Building the app (electron-vite build)...')
  if (!runNode(['node_modules/electron-vite/bin/electron-vite.js', 'build'])) {
    throw new Error('the build failed (see above)')
  }
}

function startServer(): ChildProcess {
  if (!existsSync(join(PROJECT_DIR, SERVER_ENTRY))) throw new Error(`${SERVER_ENTRY} does not exist yet`)
  return spawn(process.execPath, [SERVER_ENTRY], {
    cwd: PROJECT_DIR,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: port,
      HOST: host,
      DEMO: process.env.DEMO ?? '1',
      DATA_DIR: process.env.DATA_DIR ?? './data',
      // Request logs would bury the one line that matters here; LOG_LEVEL=info brings them back.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  })
}

async function isHealthy(healthUrl: string): Promise<boolean> {
  try {
    return (await fetch(healthUrl)).ok
  } catch {
    return false // not listening yet
  }
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  // Node's fetch may resolve "localhost" to ::1 while the server listens on 127.0.0.1 only.
  const healthUrl = `${serverUrl.replace('//localhost:', '//127.0.0.1:')}/api/health`
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the sync server exited with code ${server.exitCode}`)
    if (await isHealthy(healthUrl)) return
    await new Promise((wake) => setTimeout(wake, 200))
  }
  throw new Error(`the sync server did not answer ${healthUrl} within ${HEALTH_TIMEOUT_MS / 1000} s`)
}

/** The Electron binary if Electron can open a window here (downloading it once if only that is missing), or why not. */
function electronOrReason(): { binary: string } | { reason: string } {
  let hostFacts = describeHost(PROJECT_DIR)
  if (shouldTryElectronDownload(hostFacts)) {
    console.log(
      'The Electron binary is missing: trying once to download it (node node_modules/electron/install.js)...',
    )
    const downloaded = runNode(['node_modules/electron/install.js'], 5 * 60_000)
    hostFacts = describeHost(PROJECT_DIR, !downloaded)
  }
  const reason = whyElectronCannotRun(hostFacts)
  const binary = installedElectronBinary(PROJECT_DIR)
  return reason === null && binary ? { binary } : { reason: reason ?? 'Electron binary not found' }
}

function launchElectron(binary: string): ChildProcess {
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env
  return spawn(binary, ['.', `--server-url=${serverUrl}`], { cwd: PROJECT_DIR, stdio: 'inherit', env })
}

/** Stops everything once: on Ctrl-C, when the window closes, or when the server dies on its own. */
function shutDownWith(server: ChildProcess, electron: () => ChildProcess | null): (exitCode: number) => void {
  let shuttingDown = false
  return (exitCode) => {
    if (shuttingDown) return
    shuttingDown = true
    electron()?.kill('SIGTERM')
    if (server.exitCode !== null || server.signalCode !== null) process.exit(exitCode)
    server.once('exit', () => process.exit(exitCode))
    server.kill('SIGTERM')
  }
}

async function main(): Promise<void> {
  buildIfStale()
  const server = startServer()
  let electron: ChildProcess | null = null
  const shutDown = shutDownWith(server, () => electron)
  process.once('SIGINT', () => shutDown(0))
  process.once('SIGTERM', () => shutDown(0))
  server.once('exit', (code) => shutDown(code ?? 1))
  await waitForHealth(server)

  const electronCheck = electronOrReason()
  if ('reason' in electronCheck) {
    console.log(
      `Electron cannot start here: ${electronCheck.reason}. The app is served in web mode at ${serverUrl}/app/ (Ctrl-C to stop).`,
    )
    return
  }
  console.log(`Opening Campus Desk against ${serverUrl} (web mode also at ${serverUrl}/app/).`)
  electron = launchElectron(electronCheck.binary)
  electron.once('exit', (code) => shutDown(code ?? 0))
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
