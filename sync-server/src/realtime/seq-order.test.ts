import { describe, expect, it } from 'vitest'
import { SeqOrder, type SeqRange } from './seq-order.ts'

const range = (fromSeq: number, toSeq = fromSeq): SeqRange => ({
  schoolId: 'demo',
  collection: 'catalog',
  fromSeq,
  toSeq,
})
const seqs = (ranges: SeqRange[]) => ranges.map(({ fromSeq, toSeq }) => `${fromSeq}-${toSeq}`)

describe('SeqOrder', () => {
  it('hands out ranges that arrive in order at once', () => {
    const order = new SeqOrder(10)
    expect(seqs(order.offer(range(11, 13)))).toEqual(['11-13'])
    expect(seqs(order.offer(range(14)))).toEqual(['14-14'])
    expect(order.lastSeq).toBe(14)
    expect(order.missing).toBeUndefined()
  })

  it('holds a range back until the seqs before it arrive, then hands out all in seq order', () => {
    const order = new SeqOrder(0)
    expect(order.offer(range(4, 5))).toEqual([])
    expect(order.offer(range(2, 3))).toEqual([])
    expect(order.missing).toEqual({ fromSeq: 1, toSeq: 1 })
    expect(seqs(order.offer(range(1)))).toEqual(['1-1', '2-3', '4-5'])
    expect(order.missing).toBeUndefined()
  })

  it('drops ranges handed out already, known before it started, or waiting already', () => {
    const order = new SeqOrder(5)
    expect(order.offer(range(3, 5))).toEqual([])
    expect(seqs(order.offer(range(6)))).toEqual(['6-6'])
    expect(order.offer(range(6))).toEqual([])
    expect(order.offer(range(8))).toEqual([])
    expect(order.offer(range(8))).toEqual([])
    expect(seqs(order.offer(range(7)))).toEqual(['7-7', '8-8'])
  })

  it('gives up on missing seqs only when told, up to the next missing ones', () => {
    const order = new SeqOrder(0)
    order.offer(range(3))
    order.offer(range(4))
    order.offer(range(7, 8))
    expect(seqs(order.skipMissing())).toEqual(['3-3', '4-4'])
    expect(order.missing).toEqual({ fromSeq: 5, toSeq: 6 })
    expect(seqs(order.skipMissing())).toEqual(['7-8'])
    expect(order.skipMissing()).toEqual([])
    expect(order.offer(range(5, 6))).toEqual([])
    expect(seqs(order.offer(range(9)))).toEqual(['9-9'])
  })

  it('puts 200 shuffled ranges back in order with no gap and no duplicate', () => {
    const ranges = Array.from({ length: 200 }, (_, i) => range(2 * i + 1, 2 * i + 2))
    const shuffled = [...ranges, ...ranges.slice(0, 50)].sort(
      (a, b) => ((a.fromSeq * 7919) % 211) - ((b.fromSeq * 7919) % 211),
    )
    const order = new SeqOrder(0)
    const out = shuffled.flatMap((r) => order.offer(r))
    expect(seqs(out)).toEqual(seqs(ranges))
  })
})
