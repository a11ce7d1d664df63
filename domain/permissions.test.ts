import { describe, expect, it } from 'vitest'
import type { SessionUser } from './auth/roles.ts'
import type { Location } from './catalog/location.ts'
import type { Subject } from './catalog/subject.ts'
import { canRead, checkWrite, creationProbe } from './permissions.ts'
import { KINDS } from './registry.ts'
import { ROLES } from './auth/roles.ts'

const admin: SessionUser = { id: 'a', schoolId: 'demo', name: 'Admin', roles: ['admin'] }
const teacher: SessionUser = { id: 't', schoolId: 'demo', name: 'Teacher', roles: ['teacher'] }
const otherAdmin: SessionUser = { ...admin, id: 'b', schoolId: 'demo2' }
const subject: Subject = {
  id: 's1',
  kind: 'subject',
  schoolId: 'demo',
  updatedAt: 1,
  name: '数学',
  enabled: true,
}
const locked: Location = {
  id: 'l1',
  kind: 'location',
  schoolId: 'demo',
  updatedAt: 1,
  name: '操场',
  enabled: true,
  editable: false,
  multiClass: true,
}

describe('creationProbe', () => {
  it('gets an answer, not an exception, from every kind for every role', () => {
    for (const role of ROLES) {
      const user: SessionUser = { ...teacher, roles: [role] }
      for (const { kind } of KINDS) {
        const result = checkWrite(user, creationProbe(user, kind), null)
        expect(typeof result.ok, `${kind} as ${role}`).toBe('boolean')
      }
    }
  })

  it('lets staff create notices (the probe has no audience) and refuses families', () => {
    expect(checkWrite(teacher, creationProbe(teacher, 'notice'), null)).toEqual({ ok: true })
    expect(checkWrite(admin, creationProbe(admin, 'notice'), null)).toEqual({ ok: true })
    const guardian: SessionUser = { ...teacher, roles: ['guardian'] }
    expect(checkWrite(guardian, creationProbe(guardian, 'notice'), null)).toMatchObject({ ok: false })
    expect(checkWrite(teacher, creationProbe(teacher, 'subject'), null)).toMatchObject({ ok: false })
  })
})

describe('checkWrite', () => {
  it('lets admins write subjects and locations of their school', () => {
    expect(checkWrite(admin, subject, null)).toEqual({ ok: true })
    expect(checkWrite(admin, { ...subject, name: '数学A' }, subject)).toEqual({ ok: true })
  })

  it('refuses teachers, naming the document and the rule', () => {
    expect(checkWrite(teacher, subject, null)).toEqual({
      ok: false,
      reason: 'subject s1: only admins may change subjects',
    })
    expect(checkWrite(teacher, locked, null).ok).toBe(false)
  })

  it('refuses writes into another school and moves between schools or kinds', () => {
    expect(checkWrite(otherAdmin, subject, null)).toMatchObject({
      ok: false,
      reason: 'subject s1: belongs to another school',
    })
    expect(checkWrite(admin, subject, { ...subject, schoolId: 'demo2' }).ok).toBe(false)
    expect(checkWrite(admin, subject, { ...locked, id: 's1' } as never)).toMatchObject({
      reason: 'subject s1: kind cannot change from location',
    })
  })

  it('only allows enabling or disabling a location that is not editable', () => {
    expect(checkWrite(admin, { ...locked, enabled: false }, locked)).toEqual({ ok: true })
    expect(checkWrite(admin, { ...locked, name: '新操场' }, locked)).toMatchObject({ ok: false })
    expect(checkWrite(admin, { ...locked, editable: true }, locked)).toMatchObject({ ok: false })
  })
})

describe('canRead', () => {
  it('shows catalog data to everyone of the school and nobody else', () => {
    expect(canRead(teacher, subject)).toBe(true)
    expect(canRead(otherAdmin, subject)).toBe(false)
    expect(canRead(admin, { ...subject, kind: 'unknown' })).toBe(false)
  })
})
