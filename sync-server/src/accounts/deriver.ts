import type { Account, CommittedChange, Store } from '../store/index.ts'
import { accountChanges, deriveProfiles, PERSON_KINDS, PERSON_QUERIES } from './derive.ts'

/** Brings one school's accounts in step with its address book; returns the accounts it saved. */
export async function reconcileSchool(store: Store, schoolId: string): Promise<Account[]> {
  const [docs, existing] = await Promise.all([
    store.findDocuments(schoolId, PERSON_QUERIES),
    store.listAccounts(schoolId),
  ])
  const changes = accountChanges(deriveProfiles(docs), existing)
  if (changes.length > 0) await store.saveAccountProfiles(changes)
  return changes
}

/** Why a school's accounts no longer follow its address book: its last reconciliation failed. */
export interface ReconcileFailure {
  /** When it failed (ms since the epoch). */
  at: number
  message: string
}

export interface DeriverEvents {
  /** A reconciliation failed; it is retried with the school's next address-book commit or restart. */
  onError(schoolId: string, error: unknown): void
  /** Accounts were disabled (their sessions are already revoked in the store). */
  onDisabled(accountIds: readonly string[]): void
}

const touchesPeople = (change: CommittedChange) =>
  change.collection === 'org' &&
  change.documents.some(({ data }) => (PERSON_KINDS as readonly string[]).includes(data.kind))

/**
 * Derives accounts after every committed address-book write (a commit listener), one school at a time; a write
 * arriving while its school's run is queued joins that run. A crash between a commit and its run is repaired by
 * `reconcileAll` at start-up, so no committed write stays without its accounts.
 */
export class AccountDeriver {
  readonly #store: Store
  readonly #events: DeriverEvents
  readonly #failures = new Map<string, ReconcileFailure>()
  readonly #runs = new Map<string, Promise<void>>()
  readonly #queued = new Set<string>()
  #stop: (() => void) | undefined

  constructor(store: Store, events: DeriverEvents) {
    this.#store = store
    this.#events = events
  }

  /** Listens to commits, then reconciles every school (what a previous process may have left undone). */
  async start(): Promise<void> {
    this.#stop = this.#store.onCommit((change) => {
      if (touchesPeople(change)) this.schedule(change.schoolId)
    })
    const schools = await this.#store.listSchools()
    for (const { id } of schools) this.schedule(id)
    await Promise.all(schools.map(({ id }) => this.settled(id)))
  }

  /** Runs the school's reconciliation after the one in progress, unless one is already waiting. */
  schedule(schoolId: string): void {
    if (this.#queued.has(schoolId)) return
    this.#queued.add(schoolId)
    const run = this.settled(schoolId).then(async () => {
      this.#queued.delete(schoolId)
      await this.#reconcile(schoolId)
    })
    this.#runs.set(schoolId, run)
  }

  /** Resolves once the school's accounts reflect every commit made before the call. */
  settled(schoolId: string): Promise<void> {
    return this.#runs.get(schoolId) ?? Promise.resolve()
  }

  /** The school's last reconciliation failure, or null while its accounts follow its address book. */
  failureOf(schoolId: string): ReconcileFailure | null {
    return this.#failures.get(schoolId) ?? null
  }

  /** How many schools' accounts no longer follow their address book. */
  get failingSchoolCount(): number {
    return this.#failures.size
  }

  async #reconcile(schoolId: string): Promise<void> {
    try {
      const saved = await reconcileSchool(this.#store, schoolId)
      this.#failures.delete(schoolId)
      const disabled = saved.filter((account) => account.disabled).map((account) => account.id)
      if (disabled.length > 0) this.#events.onDisabled(disabled)
    } catch (error) {
      this.#failures.set(schoolId, { at: Date.now(), message: String(error) })
      this.#events.onError(schoolId, error)
    }
  }

  async stop(): Promise<void> {
    this.#stop?.()
    await Promise.all(this.#runs.values())
  }
}
