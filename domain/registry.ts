import { locationKind } from './catalog/location.ts'
import { subjectKind } from './catalog/subject.ts'
import { termKind } from './catalog/term.ts'
import type { CollectionName } from './collections.ts'
import { chapterKind } from './courses/chapter.ts'
import { courseKind } from './courses/course.ts'
import { calendarEventKind } from './events/calendar-event.ts'
import { campusKind, gradeKind } from './org/campus.ts'
import { departmentKind } from './org/departments.ts'
import { guardianKind } from './org/guardian.ts'
import { schoolSettingsKind } from './org/school-settings.ts'
import { classKind } from './org/school-class.ts'
import { staffKind } from './org/staff.ts'
import { studentKind } from './org/student.ts'
import { updateLogKind } from './org/update-log.ts'
import { definitionKind } from './homework/definition.ts'
import { noticeKind } from './notices/notice.ts'
import { receiptKind } from './notices/receipt.ts'
import { questionKind } from './questions/question.ts'
import { articleKind } from './site/article.ts'
import { articleTypeKind } from './site/article-type.ts'
import { bannerKind } from './site/banner.ts'
import { commentKind } from './site/comment.ts'
import { siteSettingsKind } from './site/site-settings.ts'
import { lessonKind } from './timetable/lesson.ts'
import { planEntryKind } from './timetable/plan-entry.ts'
import type { BaseDocument } from './documents.ts'
import type { KindDefinition } from './kinds.ts'

/** Every document kind the app knows. A collection accepts only the kinds listed here for it. */
export const KINDS: readonly KindDefinition[] = [
  subjectKind,
  locationKind,
  termKind,
  departmentKind,
  staffKind,
  campusKind,
  gradeKind,
  classKind,
  studentKind,
  guardianKind,
  schoolSettingsKind,
  updateLogKind,
  planEntryKind,
  lessonKind,
  calendarEventKind,
  questionKind,
  definitionKind,
  courseKind,
  chapterKind,
  noticeKind,
  receiptKind,
  articleTypeKind,
  bannerKind,
  articleKind,
  commentKind,
  siteSettingsKind,
]

const byKind = new Map<string, KindDefinition>(KINDS.map((k) => [k.kind, k]))

export function kindDefinition(kind: string): KindDefinition<BaseDocument> | undefined {
  return byKind.get(kind)
}

export function kindsOf(collection: CollectionName): KindDefinition[] {
  return KINDS.filter((k) => k.collection === collection)
}
