import { describe, expect, it } from 'vitest'
import { resolveRecipients, type AddressBook, type Recipient } from './recipients.ts'
import { department, guardian, schoolClass, staff, student } from './testing.ts'

// c1: s1 (guardian g1, who also has s3 in c2), s2 (left; guardian g2); c2: s3, s4 (no account).
// Departments: d1 → d1a → d1b; d2. Staff: t1 (d1), t2 (d1b), t3 (d2), t4 (none, no account).
const book: AddressBook = {
  classes: [schoolClass('c1'), schoolClass('c2')],
  students: [student('s1', 'c1'), student('s2', 'c1', 'left'), student('s3', 'c2'), student('s4', 'c2')],
  guardians: [guardian('g1', 's1', 's3'), guardian('g2', 's2')],
  staff: [staff('t1', 'd1'), staff('t2', 'd1b'), staff('t3', 'd2'), staff('t4')],
  departments: [department('d1'), department('d1a', 'd1'), department('d1b', 'd1a'), department('d2')],
}
const withAccount = (id: string) => id !== 's4' && id !== 't4'

const byId = (recipients: Recipient[]) =>
  Object.fromEntries(
    recipients.map(({ personId, personKind, studentIds, classIds }) => [
      personId,
      { personKind, studentIds: [...studentIds].sort(), classIds: [...classIds].sort() },
    ]),
  )
const ids = (recipients: Recipient[]) => recipients.map((r) => r.personId).sort()

describe('notice recipients', () => {
  it('reaches a class through its active students and their guardians, not those who left', () => {
    const recipients = resolveRecipients({ classIds: ['c1'] }, book, withAccount)
    expect(byId(recipients)).toEqual({
      s1: { personKind: 'student', studentIds: ['s1'], classIds: ['c1'] },
      g1: { personKind: 'guardian', studentIds: ['s1'], classIds: ['c1'] },
    })
  })

  it('reaches a person reached by two routes once, with every child it concerns', () => {
    const recipients = resolveRecipients({ classIds: ['c1'], studentIds: ['s3', 's1'] }, book, withAccount)
    expect(recipients.filter((r) => r.personId === 'g1')).toHaveLength(1)
    expect(byId(recipients).g1).toEqual({
      personKind: 'guardian',
      studentIds: ['s1', 's3'],
      classIds: ['c1', 'c2'],
    })
    expect(ids(recipients)).toEqual(['g1', 's1', 's3'])
  })

  it('reaches students with their guardians, and only people with an account', () => {
    expect(ids(resolveRecipients({ studentIds: ['s4', 's3'] }, book, withAccount))).toEqual(['g1', 's3'])
    expect(ids(resolveRecipients({ studentIds: ['s2'] }, book, withAccount))).toEqual([])
  })

  it('reaches the staff of departments and of their sub-departments', () => {
    expect(ids(resolveRecipients({ departmentIds: ['d1'] }, book, withAccount))).toEqual(['t1', 't2'])
    expect(ids(resolveRecipients({ departmentIds: ['d1a'] }, book, withAccount))).toEqual(['t2'])
    expect(byId(resolveRecipients({ departmentIds: ['d2'] }, book, withAccount)).t3).toEqual({
      personKind: 'staff',
      studentIds: [],
      classIds: [],
    })
  })

  it('reaches staff by id, once even when their department is addressed too', () => {
    expect(
      ids(resolveRecipients({ staffIds: ['t3', 't1', 'unknown'], departmentIds: ['d1'] }, book, withAccount)),
    ).toEqual(['t1', 't2', 't3'])
  })

  it('reaches everyone with an account for the whole school', () => {
    expect(ids(resolveRecipients({ wholeSchool: true }, book, withAccount))).toEqual([
      'g1',
      's1',
      's3',
      't1',
      't2',
      't3',
    ])
  })

  it('reaches no one for an empty audience', () => {
    expect(resolveRecipients({}, book, withAccount)).toEqual([])
  })
})
