import type { SessionUser } from '../auth/roles.ts'
import type { Question } from './types.ts'

export const teacher: SessionUser = { id: 't1', schoolId: 'demo', name: '李老师', roles: ['teacher'] }
export const otherTeacher: SessionUser = { id: 't2', schoolId: 'demo', name: '王老师', roles: ['teacher'] }
export const admin: SessionUser = { id: 'a1', schoolId: 'demo', name: 'Admin', roles: ['admin'] }
export const guardian: SessionUser = { id: 'g1', schoolId: 'demo', name: '陈家长', roles: ['guardian'] }

/** A valid single-choice draft by `teacher`; `changes` override any field. */
export function question(changes: Partial<Question> = {}): Question {
  return {
    id: 'q1',
    kind: 'question',
    schoolId: 'demo',
    updatedAt: 1,
    type: 'single_choice',
    stem: '<p>1+2=?</p>',
    subjectId: 'math',
    authorId: teacher.id,
    status: 'draft',
    createdAt: 1,
    lineageId: 'q1',
    version: 1,
    images: [],
    attachments: [],
    options: [
      { id: 'a', text: '3', correct: true },
      { id: 'b', text: '4', correct: false },
    ],
    ...changes,
  }
}
