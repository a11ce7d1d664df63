import { describe, expect, it } from 'vitest'
import type { Chapter } from '../domain/courses/chapter.ts'
import type { Course } from '../domain/courses/course.ts'
import { courseTreeProblems } from '../domain/courses/rules.ts'
import { holidayRanges } from '../domain/events/calendar-event.ts'
import { allClashes, planSlotKey } from '../domain/timetable/conflicts.ts'
import { planGeneration } from '../domain/timetable/generate.ts'
import { validateDocument } from '../domain/validation.ts'
import { generateLargeSchool, LARGE_SCHOOL, largeSchoolTimetable } from './large-school.ts'

const school = generateLargeSchool('bench')

describe('generateLargeSchool', () => {
  const all = Object.entries(school).flatMap(([collection, docs]) => docs.map((doc) => ({ collection, doc })))

  it('has the documents of DESIGN §11, all valid for their collection', () => {
    expect(all).toHaveLength(LARGE_SCHOOL.totalDocuments)
    const invalid = all.filter(({ collection, doc }) => !validateDocument(collection as 'org', doc).ok)
    expect(invalid).toEqual([])
    expect(new Set(all.map(({ doc }) => doc.id)).size).toBe(all.length)
  })

  it('has the 1,000 chapters of DESIGN §11 in listed courses that keep the chapter rules', () => {
    const docs = (school.courses ?? []) as unknown as (Course | Chapter)[]
    const chapters = docs.filter((doc): doc is Chapter => doc.kind === 'chapter')
    expect(chapters).toHaveLength(LARGE_SCHOOL.chapters)
    for (const course of docs.filter((doc): doc is Course => doc.kind === 'course')) {
      expect(course.status).toBe('listed')
      const own = chapters.filter((chapter) => chapter.courseId === course.id)
      expect(courseTreeProblems(course, own)).toEqual([])
    }
  })

  it('is deterministic', () => {
    expect(generateLargeSchool('bench')).toEqual(school)
  })
})

describe('largeSchoolTimetable', () => {
  const { term, planEntries, holidays } = largeSchoolTimetable('bench')
  const ids = new Set(Object.values(school).flatMap((docs) => docs.map((doc) => doc.id)))
  const multiClass = new Set(
    (school.catalog ?? [])
      .filter((doc) => (doc as { multiClass?: boolean }).multiClass === true)
      .map((doc) => doc.id),
  )

  it('plans 35 lessons a week for every class, without a clash, referring to documents of the school', () => {
    expect(planEntries).toHaveLength(LARGE_SCHOOL.classes * LARGE_SCHOOL.lessonsPerWeek)
    expect(allClashes(planEntries, planSlotKey, (id) => multiClass.has(id))).toEqual([])
    // A home room that hosts several classes would hide room clashes.
    expect(planEntries.filter((entry) => multiClass.has(entry.locationId))).toEqual([])
    const references = planEntries.flatMap((e) => [e.teacherId, e.subjectId, e.classId, e.locationId])
    expect(references.filter((id) => !ids.has(id))).toEqual([])
  })

  it('generates ~42,000 lessons, none on a holiday, all valid', () => {
    const result = planGeneration({
      term,
      entries: planEntries,
      holidays: holidayRanges(holidays),
      existing: [],
      from: term.start,
    })
    // 21 weeks; no Monday in week 1 (the term starts on a Tuesday), 5 school days of 国庆节, 元旦 a Friday.
    const perWeekday = planEntries.length / 5
    expect(result.created).toBe(planEntries.length * 21 - perWeekday - 5 * perWeekday - perWeekday)
    expect(result.clashes).toEqual([])
    const lessons = result.writes.map((lesson) => ({ ...lesson, schoolId: 'bench', updatedAt: 0 }))
    expect(lessons.filter((lesson) => !validateDocument('timetable', lesson).ok)).toEqual([])
  })
})
