import { describe, expect, it } from 'vitest'
import { allClashes, clashes, planSlotKey } from './conflicts.ts'

const booking = (id: string, teacherId: string, classId: string, locationId: string) => ({
  id,
  teacherId,
  classId,
  locationId,
})
const singleClassRooms = () => false

describe('clashes', () => {
  const math = booking('a', 'li', 'g7-1', 'room-101')

  it('names each reason: the same teacher, class or room', () => {
    expect(clashes(booking('b', 'li', 'g7-2', 'room-102'), [math], singleClassRooms)).toEqual([
      { other: math, reasons: ['teacher'] },
    ])
    expect(clashes(booking('b', 'zhang', 'g7-1', 'room-102'), [math], singleClassRooms)).toEqual([
      { other: math, reasons: ['class'] },
    ])
    expect(clashes(booking('b', 'zhang', 'g7-2', 'room-101'), [math], singleClassRooms)).toEqual([
      { other: math, reasons: ['location'] },
    ])
    expect(clashes(booking('b', 'li', 'g7-1', 'room-101'), [math], singleClassRooms)[0]?.reasons).toEqual([
      'teacher',
      'class',
      'location',
    ])
  })

  it('lets a room that hosts several classes be shared', () => {
    const pe = booking('a', 'sun', 'g7-1', 'playground')
    const several = (id: string) => id === 'playground'
    expect(clashes(booking('b', 'zhou', 'g7-2', 'playground'), [pe], several)).toEqual([])
  })

  it('skips the candidate itself (an edit of an existing booking)', () => {
    expect(clashes(math, [math], singleClassRooms)).toEqual([])
  })

  it('finds each clashing pair once, per slot', () => {
    const entry = (id: string, weekday: number, teacherId: string) => ({
      ...booking(id, teacherId, `class-${id}`, `room-${id}`),
      termId: 't',
      weekday,
      periodId: 'p1',
    })
    const entries = [entry('a', 1, 'li'), entry('b', 1, 'li'), entry('c', 2, 'li'), entry('d', 1, 'zhang')]
    const pairs = allClashes(entries, planSlotKey, singleClassRooms)
    expect(pairs.map((p) => [p.first.id, p.second.id, p.reasons])).toEqual([['a', 'b', ['teacher']]])
  })
})
