import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RunningServer {
  url: string
  dataDir: string
  /** The server process's id (it changes with `restart`). */
  readonly pid: number | undefined
  stop(): Promise<void>
  restart(): Promise<void>
  /** Sends SIGTERM and resolves with the exit code (the data directory stays, for `restart`). */
  terminate(): Promise<number | null>
  /** Sends SIGKILL (no shutdown at all, as a crash) and resolves once the process is gone. */
  kill(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  // Generous: seeding the demo into PostgreSQL on a busy machine takes a while.
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sync server exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`sync server at ${url} did not become healthy`)
}

/** Starts `npm run server`'s entry point as a separate process with demo data in a fresh data directory. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'campus-desk-e2e-'))
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess
  const launch = async () => {
    child = spawn(process.execPath, ['sync-server/src/server.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO: '1',
        // The seeded timetable adds ~3,200 documents to every login's first sync: only the specs about it ask.
        DEMO_TIMETABLE: '0',
        PUBLIC_URL: url,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await waitForHealth(url, child)
  }
  const stopChild = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode)
      child.once('exit', (code) => resolve(code))
      child.kill(signal)
    })
  await launch()
  return {
    url,
    dataDir,
    get pid() {
      return child.pid
    },
    terminate: () => stopChild(),
    kill: async () => {
      await stopChild('SIGKILL')
    },
    restart: async () => {
      await stopChild()
      await launch()
    },
    stop: async () => {
      await stopChild()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
