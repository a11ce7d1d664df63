import type { Term } from '../../../../domain/catalog/term.ts'
import { defineKindStore } from '../../app/kind-store.ts'

/** TT-1 terms (with their TT-2 periods) of the current school, live from the local replica. */
export const useTermStore = defineKindStore<Term>('terms', 'term')
