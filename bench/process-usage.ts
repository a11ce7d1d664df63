import { readFile } from 'node:fs/promises'

export interface ProcessUsage {
  /** User + system CPU time since the process started. */
  cpuMs: number
  rssBytes: number
  peakRssBytes: number
}

// Linux reports /proc/<pid>/stat times in USER_HZ ticks, 100 a second on every architecture Node runs on.
const MS_PER_TICK = 10

/** User + system CPU of a /proc/<pid>/stat line (the name in parentheses may hold spaces). */
export function cpuMsOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // Fields 14 and 15 of proc(5), counted from the state (field 3) at index 0.
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK
}

/** A `VmRSS:`-style line of /proc/<pid>/status, in bytes. */
export function bytesOfStatus(status: string, field: 'VmRSS' | 'VmHWM'): number {
  const kilobytes = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]
  if (kilobytes === undefined) throw new Error(`no ${field} in the process status`)
  return Number(kilobytes) * 1024
}

export async function processUsage(pid: number): Promise<ProcessUsage> {
  const [stat, status] = await Promise.all([
    readFile(`/proc/${pid}/stat`, 'utf8'),
    readFile(`/proc/${pid}/status`, 'utf8'),
  ])
  return {
    cpuMs: cpuMsOfStat(stat),
    rssBytes: bytesOfStatus(status, 'VmRSS'),
    peakRssBytes: bytesOfStatus(status, 'VmHWM'),
  }
}
