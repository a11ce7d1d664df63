import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What `electron-vite build` reads, relative to the project. */
export const BUILD_INPUTS = ['electron', 'renderer', 'domain', 'electron.vite.config.ts', 'package.json']
/** One file per part of the build: main, preload and renderer. */
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']

const NOT_BUILT = /(^|[\\/])node_modules([\\/]|$)|\.test\.ts$/

/** A build is stale when a part of it is missing or older than the newest input. */
export function isBuildStale(outputTimes: readonly (number | null)[], newestInputTime: number): boolean {
  return outputTimes.some((time) => time === null || time < newestInputTime)
}

export function modificationTime(path: string): number | null {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? null
}

/** The newest modification time among files (or the files in folders), ignoring tests and node_modules. */
export function newestModificationTime(baseDir: string, paths: readonly string[]): number {
  let newest = 0
  for (const path of paths.map((relative) => join(baseDir, relative))) {
    const files = statSync(path, { throwIfNoEntry: false })?.isDirectory()
      ? readdirSync(path, { recursive: true, encoding: 'utf8' }).map((file) => join(path, file))
      : [path]
    for (const file of files.filter((candidate) => !NOT_BUILT.test(candidate))) {
      const stats = statSync(file, { throwIfNoEntry: false })
      if (stats?.isFile()) newest = Math.max(newest, stats.mtimeMs)
    }
  }
  return newest
}
