import { afterEach, describe, expect, it } from 'vitest'
import { markStart, START_MARK_PREFIX, startMarks } from './start-marks.ts'

describe('start marks', () => {
  afterEach(() => performance.clearMarks())

  it('keeps the first time a mark is reached', async () => {
    markStart('replica-open')
    const first = startMarks()['replica-open']
    await new Promise((resolve) => setTimeout(resolve, 5))
    markStart('replica-open')
    expect(startMarks()['replica-open']).toBe(first)
    expect(performance.getEntriesByName(`${START_MARK_PREFIX}replica-open`)).toHaveLength(1)
  })

  it('lists only its own marks, by name', () => {
    performance.mark('someone-else')
    markStart('store:terms')
    expect(Object.keys(startMarks())).toEqual(['store:terms'])
  })
})
