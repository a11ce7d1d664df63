import type { Department } from '../departments.ts'
import type { Guardian } from '../guardian.ts'
import type { SchoolClass } from '../school-class.ts'
import type { Staff } from '../staff.ts'
import type { Student } from '../student.ts'
import { indexBy } from './build.ts'
import { COLUMNS, headerOf, type FormatLocale } from './columns.ts'
import type { AddressBook, ImportType } from './report.ts'

/** A sheet to write (the shape of the renderer's `writeTables` sheets). */
export interface FormatSheet {
  name: string
  columns: { header: string; width?: number }[]
  rows: string[][]
}

const SHEET_NAMES: Record<ImportType, Record<FormatLocale, string>> = {
  staff: { 'zh-CN': '教职工', 'zh-TW': '教職工', en: 'Staff' },
  classes: { 'zh-CN': '班级', 'zh-TW': '班級', en: 'Classes' },
  students: { 'zh-CN': '学生及家长', 'zh-TW': '學生及家長', en: 'Students and guardians' },
}

const YES_NO: Record<FormatLocale, [string, string]> = {
  'zh-CN': ['是', '否'],
  'zh-TW': ['是', '否'],
  en: ['yes', 'no'],
}

function sheet(type: ImportType, locale: FormatLocale, rows: string[][]): FormatSheet {
  return {
    name: SHEET_NAMES[type][locale],
    columns: COLUMNS[type].map((spec) => ({ header: headerOf(spec, locale), width: spec.width })),
    rows,
  }
}

/** The downloadable template: the headers in the UI language and one example row. */
export function templateSheet(type: ImportType, locale: FormatLocale): FormatSheet {
  return sheet(type, locale, [COLUMNS[type].map((spec) => spec.example)])
}

function departmentPath(department: Department, byId: Map<string, Department>): string {
  const names: string[] = []
  const seen = new Set<string>()
  for (let d: Department | undefined = department; d && !seen.has(d.id); d = byId.get(d.parentId ?? '')) {
    seen.add(d.id)
    names.unshift(d.name)
  }
  return names.join('/')
}

/** How a file names a staff member: the name, or the phone when someone else has the same name. */
function staffNamer(staff: readonly Staff[]) {
  const byId = new Map(staff.map((s) => [s.id, s]))
  const byName = indexBy(staff, (s) => s.name)
  return (id: string | undefined): string => {
    const member = byId.get(id ?? '')
    if (!member) return ''
    return (byName.get(member.name)?.length ?? 0) > 1 && member.phone ? member.phone : member.name
  }
}

function staffRows(items: readonly Staff[], book: AddressBook, locale: FormatLocale): string[][] {
  const departments = new Map(book.departments.map((d) => [d.id, d]))
  const [yes, no] = YES_NO[locale]
  const paths = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const department = departments.get(id)
      return department ? [departmentPath(department, departments)] : []
    })
  return items.map((s) => [
    s.name,
    s.phone ?? '',
    s.staffNo ?? '',
    s.position ?? '',
    paths(s.departmentIds).join('、'),
    s.tags.join('、'),
    s.teaches ? yes : no,
    // Blank rather than "no": most staff documents have no `admin` field, and "no" would import as a change.
    s.admin ? yes : '',
  ])
}

function classRows(items: readonly SchoolClass[], book: AddressBook): string[][] {
  const grades = new Map(book.grades.map((g) => [g.id, g]))
  const campuses = new Map(book.campuses.map((c) => [c.id, c.name]))
  const subjects = new Map(book.subjects.map((s) => [s.id, s.name]))
  const staffName = staffNamer(book.staff)
  return items.map((c) => [
    campuses.get(grades.get(c.gradeId ?? '')?.campusId ?? '') ?? '',
    c.gradeName,
    c.name,
    String(c.year),
    c.code ?? '',
    staffName(c.headTeacherId),
    c.subjectTeachers
      .map((t) => `${subjects.get(t.subjectId) ?? t.subjectId}:${staffName(t.staffId)}`)
      .join('、'),
  ])
}

function studentRows(items: readonly Student[], book: AddressBook): string[][] {
  const classNames = new Map(book.classes.map((c) => [c.id, c.name]))
  const guardiansOf = new Map<string, [Guardian, string][]>()
  for (const guardian of book.guardians) {
    for (const child of guardian.children) {
      guardiansOf.set(child.studentId, [
        ...(guardiansOf.get(child.studentId) ?? []),
        [guardian, child.relationship],
      ])
    }
  }
  return items.map((s) => [
    s.name,
    s.studentNo,
    s.nationalStudentNo ?? '',
    s.localStudentNo ?? '',
    s.idNumber ?? '',
    classNames.get(s.classId) ?? '',
    s.phone ?? '',
    ...(guardiansOf.get(s.id) ?? [])
      .slice(0, 2)
      .flatMap(([g, relationship]) => [g.name, relationship, g.phone]),
  ])
}

/**
 * A list in the import format: an exported file imports again (students are matched by 学号, classes by name,
 * staff by staff no. or phone). All documents of the book: a screen exporting its filtered list passes a book
 * with that list. Students list their first two guardians, as the format has two.
 */
export function exportSheet(type: ImportType, book: AddressBook, locale: FormatLocale): FormatSheet {
  if (type === 'staff') return sheet(type, locale, staffRows(book.staff, book, locale))
  if (type === 'classes') return sheet(type, locale, classRows(book.classes, book))
  return sheet(type, locale, studentRows(book.students, book))
}
