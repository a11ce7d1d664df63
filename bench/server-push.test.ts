import { describe, expect, it } from 'vitest'
import { streamLimit, type StreamStep } from './server-push.ts'

const step = (streams: number, p99: number, droppedStreams = 0): StreamStep => ({
  streams,
  p99,
  droppedStreams,
  missing: 0,
  serverCpuPercent: 50,
})

describe('streamLimit', () => {
  it('is the most streams held within the budget with none dropped', () => {
    expect(streamLimit([step(500, 40), step(1000, 90), step(2000, 140)], 100)).toBe(1000)
    expect(streamLimit([step(500, 40), step(1000, 60, 1)], 100)).toBe(500)
  })

  it('is null when not even the first step held', () => {
    expect(streamLimit([step(500, 101)], 100)).toBeNull()
  })
})
