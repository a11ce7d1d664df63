import { teacher } from '../questions/testing.ts'
import type { DefinitionSection, HomeworkDefinition } from './definition.ts'

/** Section `id`, titled 第<id>章, without questions or sub-sections; `changes` override any field. */
export function section(id: string, changes: Partial<DefinitionSection> = {}): DefinitionSection {
  return { id, title: `第${id}章`, items: [], sections: [], ...changes }
}

/**
 * A scored draft by `teacher` whose every question has a score (17.5 in all): 1 (q1) · 2 → 2.1 (q2, q3).
 * `changes` override any field.
 */
export function definition(changes: Partial<HomeworkDefinition> = {}): HomeworkDefinition {
  return {
    id: 'd1',
    kind: 'definition',
    schoolId: 'demo',
    updatedAt: 1,
    title: '数学作业',
    subjectId: 'math',
    scored: true,
    status: 'draft',
    authorId: teacher.id,
    createdAt: 1,
    sections: [
      section('1', { items: [{ questionId: 'q1', score: 10 }] }),
      section('2', {
        sections: [
          section('2.1', {
            items: [
              { questionId: 'q2', score: 5 },
              { questionId: 'q3', score: 2.5 },
            ],
          }),
        ],
      }),
    ],
    ...changes,
  }
}
