import { describe, expect, it } from 'vitest'
import { KeyedMutex } from './keyed-mutex.ts'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('KeyedMutex', () => {
  it('runs work of one key one at a time, in call order, and other keys alongside', async () => {
    const mutex = new KeyedMutex()
    const log: string[] = []
    const work = (key: string, name: string) =>
      mutex.run(key, async () => {
        log.push(`start ${name}`)
        await tick()
        log.push(`end ${name}`)
      })
    await Promise.all([work('a', 'a1'), work('a', 'a2'), work('b', 'b1')])
    expect(log.filter((l) => / a\d$/.test(l))).toEqual(['start a1', 'end a1', 'start a2', 'end a2'])
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'))
  })

  it('goes on after a failure', async () => {
    const mutex = new KeyedMutex()
    await expect(mutex.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await mutex.run('a', async () => 'next')).toBe('next')
  })
})
