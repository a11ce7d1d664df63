import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { ReadScope } from '../../../domain/kinds.ts'
import { isDue, type Notice } from '../../../domain/notices/notice.ts'
import { noticeWriteProblems } from '../../../domain/notices/rules.ts'
import { KeyedMutex } from '../store/keyed-mutex.ts'
import type { CommittedChange, Store } from '../store/index.ts'
import type { RowRule } from '../sync/push.ts'
import {
  deliverNotice,
  findNotices,
  hasPendingReminders,
  sendReminders,
  type StoredNotice,
} from './delivery.ts'
import type { NoticeAlerts } from './notice-alerts.ts'
import type { Scheduler } from './scheduler.ts'

export interface NoticeServiceOptions {
  store: Store
  /** Tells the phones of the people a notice was delivered or reminded to. */
  alerts: NoticeAlerts
  /** The server's clock (ms): it alone decides delivery times and the recall window. */
  clock: () => number
  scheduler: Scheduler
  /** How often scheduled notices are looked at. */
  checkEveryMs: number
  /** The classes and students a user may address (the address-book read scope). */
  scopeOf(user: SessionUser): Promise<ReadScope>
  onError(error: unknown): void
}

const isScheduled = (notice: Notice, now: number) =>
  notice.status === 'sent' && !notice.delivery && notice.sendAt !== undefined && notice.sendAt > now

/**
 * Delivers notices when they become due and sends the reminders their authors ask for (DESIGN §7.1). A school's
 * work runs one at a time; it starts after every commit of a notice that needs it, for every school at start-up
 * (so a notice whose time passed while the server was down goes out then), and on each scheduler check for the
 * schools that have notices waiting for their time. With several instances every instance hears every commit
 * and may start the same work at once: the store's compare-and-set on the notice lets exactly one of them
 * deliver it or send a reminder (delivery.ts), so no lock between instances is needed.
 */
export class NoticeService {
  readonly #options: NoticeServiceOptions
  readonly #locks = new KeyedMutex()
  readonly #waitingSchools = new Set<string>()
  readonly #running = new Set<Promise<void>>()
  #stopScheduler = () => {}

  constructor(options: NoticeServiceOptions) {
    this.#options = options
  }

  get now(): number {
    return this.#options.clock()
  }

  async start(): Promise<void> {
    await this.#processAll()
    this.#stopScheduler = this.#options.scheduler.every(this.#options.checkEveryMs, () => this.check())
    await this.idle()
  }

  async stop(): Promise<void> {
    this.#stopScheduler()
    await this.idle()
  }

  /** Looks at the schools with notices waiting for their time. */
  check(): void {
    for (const schoolId of this.#waitingSchools) this.#process(schoolId)
  }

  /** Commits of `schoolId` (of every school: `undefined`) may not have been heard: look at its notices again. */
  onMissed(schoolId: string | undefined): void {
    if (schoolId) this.#process(schoolId)
    else this.#processAll().catch((error: unknown) => this.#options.onError(error))
  }

  /** Resolves once no delivery or reminder is in progress (tests and benchmarks wait on this). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running])
  }

  /** Called with every commit: a notice that is due, scheduled or reminded gets its school's work started. */
  onCommit(change: CommittedChange): void {
    if (change.collection !== 'notices') return
    const now = this.now
    const needsWork = change.documents.some(({ data }) => {
      const notice = data as StoredNotice
      return (
        !notice._deleted && (isDue(notice, now) || isScheduled(notice, now) || hasPendingReminders(notice))
      )
    })
    if (needsWork) this.#process(change.schoolId)
  }

  /** The rule a push of `collection` by `user` must pass besides the kinds' own (notices only). */
  async pushRule(user: SessionUser, collection: CollectionName): Promise<RowRule | undefined> {
    if (collection !== 'notices') return undefined
    const context = { now: this.now, scope: await this.#options.scopeOf(user) }
    return (next: WireDocument, stored: WireDocument | null) =>
      noticeWriteProblems(user, next as WireDocument<Notice>, stored as WireDocument<Notice> | null, context)
  }

  async #processAll(): Promise<void> {
    for (const school of await this.#options.store.listSchools()) this.#process(school.id)
  }

  #process(schoolId: string): void {
    const run = this.#locks
      .run(schoolId, () => this.#work(schoolId))
      .catch((error: unknown) => this.#options.onError(error))
      .finally(() => this.#running.delete(run))
    this.#running.add(run)
  }

  async #work(schoolId: string): Promise<void> {
    const { store, alerts } = this.#options
    const sent = await findNotices(store, schoolId, 'status', ['sent'])
    const now = this.now
    for (const notice of sent) {
      const alert = (personIds: string[]) => alerts.send({ schoolId, personIds, noticeId: notice.id })
      if (isDue(notice, now)) alert(await deliverNotice(store, notice, now))
      else if (hasPendingReminders(notice)) alert(await sendReminders(store, notice, now))
    }
    if (sent.some((notice) => isScheduled(notice, now))) this.#waitingSchools.add(schoolId)
    else this.#waitingSchools.delete(schoolId)
  }
}
