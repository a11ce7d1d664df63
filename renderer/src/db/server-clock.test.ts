import { describe, expect, it } from 'vitest'
import { createServerClock } from './server-clock.ts'

const answer = (date: string | null) => ({ headers: new Headers(date === null ? {} : { date }) })

describe('server clock', () => {
  it('is the local clock until the server answered', () => {
    const clock = createServerClock(() => 1_000)
    expect(clock.now()).toBe(1_000)
    clock.observe(answer(null), 900)
    expect(clock.now()).toBe(1_000)
  })

  it('follows the Date header of an answer, from the middle of the request', () => {
    let local = Date.parse('2026-03-02T08:00:00.000Z')
    const clock = createServerClock(() => local)
    const sentAt = local - 200
    // This PC runs two hours behind the server.
    clock.observe(answer('Mon, 02 Mar 2026 10:00:00 GMT'), sentAt)
    expect(clock.now()).toBe(Date.parse('2026-03-02T10:00:00.600Z'))
    local += 60_000
    expect(clock.now()).toBe(Date.parse('2026-03-02T10:01:00.600Z'))
  })
})
