import type { Chapter } from '../../../../domain/courses/chapter.ts'
import type { Course } from '../../../../domain/courses/course.ts'
import { defineKindStore } from '../../app/kind-store.ts'

// Courses and their chapters (CRS, DESIGN §7.3), live from the local replica: one document per chapter, so two
// PCs can edit different chapters of one course offline.

export const useCourseStore = defineKindStore<Course>('courses', 'course')
export const useChapterStore = defineKindStore<Chapter>('chapters', 'chapter')
