import type { Question } from '../../../../domain/questions/types.ts'
import { defineKindStore } from '../../app/kind-store.ts'

export const useQuestionStore = defineKindStore<Question>('questions', 'question')
