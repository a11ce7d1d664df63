import { readFile } from 'node:fs/promises'
import { writeFileAtomically } from '../atomic-file.ts'
import type { Routes } from './handle.ts'
import { argumentsOf, diagnosticLog, noArguments } from './validate.ts'

/** The renderer's diagnostic log as a file in the user data folder (issue 19 §8). */
export interface DiagnosticFile {
  load(): Promise<string | null>
  save(log: string): Promise<void>
}

export function createDiagnosticFile(filePath: string): DiagnosticFile {
  let pendingWrite: Promise<unknown> = Promise.resolve()
  return {
    async load() {
      await pendingWrite
      try {
        return await readFile(filePath, 'utf8')
      } catch {
        // Missing or unreadable: the renderer starts a fresh log.
        return null
      }
    },
    save(log) {
      const next = pendingWrite.then(() => writeFileAtomically(filePath, log))
      pendingWrite = next.catch(() => undefined)
      return next
    },
  }
}

export function diagnosticRoutes(
  file: DiagnosticFile,
): Pick<Routes, 'diagnostics:load' | 'diagnostics:save'> {
  return {
    'diagnostics:load': { validateArgs: noArguments, run: () => file.load() },
    'diagnostics:save': { validateArgs: argumentsOf(diagnosticLog), run: (_event, log) => file.save(log) },
  }
}
