import { describe, expect, it } from 'vitest'
import { validateDocument } from './validation.ts'

const subject = {
  id: 's1',
  kind: 'subject',
  schoolId: 'demo',
  updatedAt: 1,
  name: '数学',
  code: 'math',
  enabled: true,
}
const location = {
  id: 'l1',
  kind: 'location',
  schoolId: 'demo',
  updatedAt: 1,
  name: '图书馆',
  enabled: true,
  editable: true,
  multiClass: true,
}

function errorsOf(collection: 'catalog' | 'org', doc: unknown): string[] {
  const result = validateDocument(collection, doc)
  return result.ok ? [] : result.errors
}

describe('validateDocument', () => {
  it('accepts valid subjects and locations, with or without the tombstone flag', () => {
    expect(validateDocument('catalog', subject).ok).toBe(true)
    expect(validateDocument('catalog', { ...subject, _deleted: true }).ok).toBe(true)
    expect(validateDocument('catalog', { ...location, capacity: 40, remark: '' }).ok).toBe(true)
  })

  it('makes code optional and name required and non-blank', () => {
    const { code: _code, ...withoutCode } = subject
    expect(validateDocument('catalog', withoutCode).ok).toBe(true)
    const { name: _name, ...withoutName } = subject
    expect(errorsOf('catalog', withoutName).join()).toMatch(/subject s1: .*name/)
    expect(errorsOf('catalog', { ...subject, name: '   ' }).join()).toMatch(/subject s1: name/)
  })

  it('refuses unknown fields, wrong types and wrong tombstone flags, naming the document', () => {
    expect(errorsOf('catalog', { ...subject, color: 'red' }).join()).toMatch(/subject s1/)
    expect(errorsOf('catalog', { ...subject, enabled: 'yes' }).join()).toMatch(/subject s1: enabled/)
    expect(errorsOf('catalog', { ...location, capacity: 0 }).join()).toMatch(/location l1: capacity/)
    expect(errorsOf('catalog', { ...subject, _deleted: 'no' })).toEqual([
      'subject s1: _deleted must be a boolean',
    ])
  })

  it('refuses unknown kinds, kinds of another collection and non-objects', () => {
    expect(errorsOf('catalog', { ...subject, kind: 'spaceship' })).toEqual([
      'spaceship s1: unknown kind "spaceship"',
    ])
    expect(errorsOf('org', subject)).toEqual(['subject s1: kind subject belongs to collection catalog'])
    expect(errorsOf('catalog', [subject])).toEqual(['document: not an object'])
    expect(errorsOf('catalog', null)).toEqual(['document: not an object'])
  })

  it('requires every common field', () => {
    for (const field of ['id', 'schoolId', 'updatedAt']) {
      const doc = Object.fromEntries(Object.entries(subject).filter(([name]) => name !== field))
      expect(validateDocument('catalog', doc).ok, field).toBe(false)
    }
  })
})
