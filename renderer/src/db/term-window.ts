import {
  BehaviorSubject,
  combineLatest,
  distinctUntilChanged,
  filter,
  firstValueFrom,
  interval,
  map,
  type Observable,
  startWith,
  type Subscription,
} from 'rxjs'
import type { Term } from '../../../domain/catalog/term.ts'
import { localDate } from '../../../domain/calendar/dates.ts'
import {
  inTermWindow,
  keptOpenedTerms,
  type OpenedTerms,
  replicaTermWindow,
  termsToCatchUp,
  termWindowQuery,
  withOpenedTerm,
} from '../../../domain/sync/term-window.ts'
import type { CampusDatabase, StoredDocument } from './database.ts'

/** The `terms` query of the window the timetable last completed a pull of (see `TermWindow`). */
const WINDOW_META_ID = 'term-window'
/** The older terms opened on this PC (`OpenedTerms`), kept across restarts. */
const OPENED_META_ID = 'term-window-opened'
const TODAY_CHECK_MS = 60_000

/**
 * Which terms' lessons the replica keeps (issue 18; `replicaTermWindow`): the timetable pull asks the server
 * for these only. When the window moves (a term starts, a term is added, or an older term is opened) the
 * timetable pulls the terms that came in from seq 0 and drops the lessons of those that went out, without
 * pushing anything (`takeMove`, `createPullHandler`). A window counts as in place only once that pull completed,
 * so a PC closed in the middle follows the move again at its next start.
 */
export interface TermWindow {
  /** The window now, sorted term ids; first once the local terms have been read. */
  readonly window$: Observable<string[]>
  /** The `terms=` query of the window the replica holds in full (its last completed move or from-zero pull). */
  readonly held$: Observable<string | undefined>
  /** The `terms=` query of the timetable's next pull; waits for the first window. */
  query(): Promise<string>
  /** A from-zero pull or a move with `query` returned everything: the replica holds that window. */
  resynced(query: string): Promise<void>
  /**
   * The move of the window the timetable's next pull follows, once: undefined when it did not move since the
   * last call.
   */
  takeMove(): TermWindowMove | undefined
  /**
   * Brings an older term's lessons into the replica (the timetable screens opened it) and keeps them there,
   * across restarts, for `OPENED_TERM_KEEP_DAYS` after it was last opened.
   */
  open(termId: string): void
  stop(): void
}

/**
 * How the timetable follows a move of the window: pull everything from 0 again, or drop the lessons the window
 * no longer keeps and pull the terms it added (`catchUpQuery`, from seq 0; none when only terms left).
 */
export type TermWindowMove =
  | { fromZero: true }
  | { fromZero: false; catchUpQuery: string | undefined; keeps(doc: StoredDocument): boolean }

export interface TermWindowOptions {
  database: CampusDatabase
  /** Told when the window moved away from the one the replica holds: the timetable pulls (`takeMove`). */
  onMoved(): void
  clock?: () => number
  todayCheckMs?: number
}

export function watchTermWindow(options: TermWindowOptions): TermWindow {
  const { database } = options
  const clock = options.clock ?? Date.now
  let stopped = false
  const opened = new BehaviorSubject<OpenedTerms | undefined>(undefined)
  const openedLoaded = database.rx
    .getLocal<{ terms: OpenedTerms }>(OPENED_META_ID)
    .then((doc) => opened.next((doc?.get('terms') as OpenedTerms | undefined) ?? {}))
  const terms$ = database
    .collection('catalog')
    .find({ selector: { kind: 'term' } })
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as unknown as Term)))
  const today$ = interval(options.todayCheckMs ?? TODAY_CHECK_MS).pipe(
    startWith(0),
    map(() => localDate(new Date(clock()))),
    distinctUntilChanged(),
  )
  const window$ = new BehaviorSubject<string[] | undefined>(undefined)
  const held$ = new BehaviorSubject<string | undefined>(undefined)
  let pendingMove: TermWindowMove | undefined
  const held = database.rx
    .getLocal<{ query: string }>(WINDOW_META_ID)
    .then((doc) => doc?.get('query') as string | undefined)
  void held.then((query) => held$.next(held$.value ?? query))

  const subscription: Subscription = combineLatest([terms$, today$, opened.pipe(filter(isDefined))])
    .pipe(
      map(([terms, today, extra]) => replicaTermWindow(terms, today, keptOpenedTerms(extra, today))),
      distinctUntilChanged((a, b) => a.join(',') === b.join(',')),
    )
    .subscribe((window) => {
      void held.then((heldQuery) => {
        const moved = window$.value !== undefined || heldQuery !== termWindowQuery(window)
        window$.next(window)
        if (!moved) return
        pendingMove = moveTo(window, held$.value)
        options.onMoved()
      })
    })

  const known$ = window$.pipe(filter(isDefined))

  return {
    window$: known$,
    held$: held$.asObservable(),
    async query() {
      return termWindowQuery(await firstValueFrom(known$))
    },
    takeMove() {
      const move = pendingMove
      pendingMove = undefined
      return move
    },
    async resynced(query) {
      await database.rx.upsertLocal(WINDOW_META_ID, { query })
      held$.next(query)
    },
    open(termId) {
      void openedLoaded.then(async () => {
        const today = localDate(new Date(clock()))
        const before = opened.value ?? {}
        if (stopped || before[termId] === today) return
        const after = withOpenedTerm(before, termId, today)
        opened.next(after)
        await database.rx.upsertLocal(OPENED_META_ID, { terms: after })
      })
    },
    stop() {
      stopped = true
      subscription.unsubscribe()
      opened.complete()
      window$.complete()
      held$.complete()
    },
  }
}

function moveTo(window: readonly string[], heldQuery: string | undefined): TermWindowMove {
  const added = termsToCatchUp(heldQuery, window)
  if (!added) return { fromZero: true }
  const kept = new Set(window)
  return {
    fromZero: false,
    catchUpQuery: added.length > 0 ? termWindowQuery(added) : undefined,
    keeps: (doc) => inTermWindow(doc, kept),
  }
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined
}
