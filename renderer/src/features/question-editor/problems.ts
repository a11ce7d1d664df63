import type { QuestionProblem, QuestionProblemCode } from '../../../../domain/questions/rules.ts'

/** Where the editor shows a problem: next to the stem, or next to the type's own editor. */
export type ProblemPart = 'stem' | 'content'

const STEM_PROBLEMS: ReadonlySet<QuestionProblemCode> = new Set(['emptyStem', 'imageNotListed'])

export function problemPart(problem: QuestionProblem): ProblemPart {
  return STEM_PROBLEMS.has(problem.code) ? 'stem' : 'content'
}

export function problemsOf(problems: readonly QuestionProblem[], part: ProblemPart): QuestionProblem[] {
  return problems.filter((problem) => problemPart(problem) === part)
}
