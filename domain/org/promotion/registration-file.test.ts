import { describe, expect, it } from 'vitest'
import { parseRegistration, readablePath } from './registration-file.ts'
import { SAMPLE_REGISTRATION, SAMPLE_REGISTRATION_WITH_ANOMALIES } from './samples.ts'

const text = (value: unknown) => JSON.stringify(value)

describe('parseRegistration (B01)', () => {
  it('accepts both samples, and a byte-order mark', () => {
    expect(parseRegistration(text(SAMPLE_REGISTRATION))).toEqual({ ok: true, file: SAMPLE_REGISTRATION })
    expect(parseRegistration(`\uFEFF${text(SAMPLE_REGISTRATION_WITH_ANOMALIES)}`).ok).toBe(true)
  })

  it('ignores properties it does not read', () => {
    const file = {
      ...SAMPLE_REGISTRATION,
      school: 'x',
      students: [{ ...SAMPLE_REGISTRATION.students[0], sex: 'M' }],
    }
    expect(parseRegistration(text(file)).ok).toBe(true)
  })

  it('refuses what is not JSON', () => {
    const result = parseRegistration('{ "schoolYear": ')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(/^not JSON: /)
  })

  it('names the path of the first problem', () => {
    const students = SAMPLE_REGISTRATION.students.map((s) => ({ ...s }))
    const third = students[2]
    if (third) third.classCode = ''
    expect(parseRegistration(text({ ...SAMPLE_REGISTRATION, students }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^students\[2\]\.classCode: /),
    })
    const { students: _, ...withoutStudents } = SAMPLE_REGISTRATION
    expect(parseRegistration(text(withoutStudents))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^\(file\): .*students/),
    })
  })

  it('checks guardians phones', () => {
    const student = {
      ...SAMPLE_REGISTRATION.students[0],
      guardians: [{ name: '林', phone: '123', relationship: '母亲' }],
    }
    expect(parseRegistration(text({ ...SAMPLE_REGISTRATION, students: [student] }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^students\[0\]\.guardians\[0\]\.phone: /),
    })
  })

  it('reads JSON pointers as paths', () => {
    expect(readablePath('#')).toBe('(file)')
    expect(readablePath('#/schoolYear')).toBe('schoolYear')
    expect(readablePath('#/students/12/name')).toBe('students[12].name')
  })
})
