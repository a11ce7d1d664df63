import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { localDate } from '../../../../domain/calendar/dates.ts'
import type { Term } from '../../../../domain/catalog/term.ts'
import { useTermStore } from '../terms/store.ts'

/** The term a school is in today, else the one that started last. */
export function defaultTerm(terms: readonly Term[], today: string): Term | undefined {
  const running = terms.find((term) => term.start <= today && today <= term.end)
  return running ?? [...terms].sort((a, b) => b.start.localeCompare(a.start))[0]
}

/** The term a plan or timetable screen shows, kept in the URL (`?term=`) so links and reloads keep it. */
export function useSelectedTerm() {
  const store = useTermStore()
  const route = useRoute()
  const router = useRouter()

  const terms = computed(() => [...store.items].sort((a, b) => b.start.localeCompare(a.start)))
  const term = computed<Term | undefined>(() => {
    const wanted = route.query.term
    return store.items.find((t) => t.id === wanted) ?? defaultTerm(store.items, localDate())
  })
  const termId = computed({
    get: () => term.value?.id ?? '',
    set: (id: string) => void router.replace({ query: { ...route.query, term: id } }),
  })
  const periods = computed(() =>
    [...(term.value?.periods ?? [])].sort((a, b) => a.start.localeCompare(b.start)),
  )

  return { terms, term, termId, periods, loaded: computed(() => store.loaded) }
}

/** For date pickers' `disabled-date`: is this calendar day outside the term? */
export function outsideTerm(term: Pick<Term, 'start' | 'end'> | undefined, date: Date): boolean {
  const day = localDate(date)
  return !term || day < term.start || day > term.end
}
