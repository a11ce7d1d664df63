import { createQuestionIndex } from '../../../../domain/questions/filter.ts'

/**
 * One index for the app: the question list and the homework's question picker share the searchable texts, so
 * switching between them does not rebuild them.
 */
export const questionIndex = createQuestionIndex()
