import type { Subject } from '../../../../domain/catalog/subject.ts'
import { defineKindStore } from '../../app/kind-store.ts'

/** TT-3 subjects of the current school, live from the local replica. */
export const useSubjectStore = defineKindStore<Subject>('subjects', 'subject')
