import { describe, expect, it } from 'vitest'
import { coalesced } from './coalesced.ts'

/** A task whose runs finish only when the test says so. */
function controlledTask() {
  const finishers: (() => void)[] = []
  let runs = 0
  const task = () =>
    new Promise<void>((resolve) => {
      runs += 1
      finishers.push(resolve)
    })
  return {
    task,
    runs: () => runs,
    async finishCurrent() {
      finishers.shift()?.()
      // Let `finally` start the next run.
      await new Promise((resolve) => setTimeout(resolve, 0))
    },
  }
}

describe('coalesced', () => {
  it('runs the task at once when it is idle', () => {
    const controlled = controlledTask()
    coalesced(controlled.task)()
    expect(controlled.runs()).toBe(1)
  })

  it('folds every request made during a run into one more run after it', async () => {
    const controlled = controlledTask()
    const run = coalesced(controlled.task)
    run()
    run()
    run()
    run()
    expect(controlled.runs()).toBe(1)
    await controlled.finishCurrent()
    expect(controlled.runs()).toBe(2)
    await controlled.finishCurrent()
    expect(controlled.runs()).toBe(2)
  })
})
