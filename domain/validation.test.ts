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

describe('validateDocument with cross-field rules', () => {
  const term = {
    id: 't1',
    kind: 'term',
    schoolId: 'demo',
    updatedAt: 1,
    name: '秋季学期',
    start: '2026-09-01',
    end: '2027-01-15',
    periods: [
      { id: 'p1', name: '第1节', start: '08:00', end: '08:45' },
      { id: 'p2', name: '第2节', start: '08:30', end: '09:15' },
    ],
  }

  it('runs the kind check after the schema, so the repository and the server refuse overlapping periods', () => {
    expect(errorsOf('catalog', term)).toEqual([
      'term t1: periods "第1节" (08:00–08:45) and "第2节" (08:30–09:15) overlap',
    ])
    expect(validateDocument('catalog', { ...term, periods: term.periods.slice(0, 1) }).ok).toBe(true)
  })

  it('refuses U+0000 and lone surrogates in any string, field names included, and keeps surrogate pairs', () => {
    expect(errorsOf('catalog', { ...subject, code: '\u0000' })).toEqual(['subject s1: code holds U+0000'])
    expect(errorsOf('catalog', { ...location, remark: 'a\udfffb' })).toEqual([
      'location l1: remark holds a lone surrogate',
    ])
    expect(errorsOf('catalog', { ...subject, ['\ud800']: 1 })).toEqual([
      'subject s1: a field name holds a lone surrogate',
    ])
    expect(validateDocument('catalog', { ...subject, name: '\ud83d\ude00 数学' }).ok).toBe(true)
  })
})
