import { describe, expect, it } from 'vitest'
import { validateDocument } from '../domain/validation.ts'
import { generateLargeSchool, LARGE_SCHOOL } from './large-school.ts'

describe('generateLargeSchool', () => {
  const school = generateLargeSchool('bench')
  const all = Object.entries(school).flatMap(([collection, docs]) => docs.map((doc) => ({ collection, doc })))

  it('has the documents of DESIGN §11, all valid for their collection', () => {
    expect(all).toHaveLength(LARGE_SCHOOL.totalDocuments)
    const invalid = all.filter(({ collection, doc }) => !validateDocument(collection as 'org', doc).ok)
    expect(invalid).toEqual([])
    expect(new Set(all.map(({ doc }) => doc.id)).size).toBe(all.length)
  })

  it('is deterministic', () => {
    expect(generateLargeSchool('bench')).toEqual(school)
  })
})
