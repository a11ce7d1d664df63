import { describe, expect, it } from 'vitest'
import { bytesOfStatus, cpuMsOfStat } from './process-usage.ts'

describe('process usage from /proc', () => {
  it('adds user and system ticks, past a command name with spaces and parentheses', () => {
    const stat = '4242 (node (a) b) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 37 0 0 20 0 11 0 8000 1 2'
    expect(cpuMsOfStat(stat)).toBe(2_870)
  })

  it('reads VmRSS and VmHWM in bytes', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n'
    expect(bytesOfStatus(status, 'VmRSS')).toBe(100 * 2 ** 20)
    expect(bytesOfStatus(status, 'VmHWM')).toBe(200 * 2 ** 20)
    expect(() => bytesOfStatus('Name:\tnode\n', 'VmRSS')).toThrow('no VmRSS')
  })
})
