import { describe, expect, it } from 'vitest'
import { DeliveryLog } from './delivery.ts'

describe('DeliveryLog', () => {
  it('times every (document, stream) pair and each document until its last stream', () => {
    const log = new DeliveryLog(2)
    log.sent(0, 100)
    log.sent(1, 110)
    log.received(0, 105)
    log.received(1, 112)
    log.received(0, 130)
    expect(log.pairLatencies()).toEqual([5, 2, 30])
    expect(log.lastArrivalLatencies()).toEqual([30])
    expect(log.missing).toBe(1)
    log.received(1, 150)
    expect(log.lastArrivalLatencies()).toEqual([30, 40])
    expect(log.missing).toBe(0)
  })

  it('ignores documents it never saw sent', () => {
    const log = new DeliveryLog(1)
    log.received(7, 5)
    expect(log.pairLatencies()).toEqual([])
    expect(log.documentsSent).toBe(0)
  })
})
