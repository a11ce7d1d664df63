import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import { EMPTY_SCOPE, type ReadScope } from '../../../domain/kinds.ts'
import type { CommittedChange, DocumentStore } from '../store/index.ts'
import { INDEXED_COLLECTIONS, OrgIndex, READ_SCOPE_COLLECTIONS } from './org-index.ts'

const LOAD_PAGE = 5000

/**
 * The org index of every school this process serves: read from the store at a school's first use, then kept
 * up to date from the commits (`apply`), so a pull or a stream event never re-reads the address book. One
 * server process per deployment: another process's commits would not reach this index.
 */
export class Visibility {
  readonly #store: DocumentStore
  readonly #schools = new Map<string, { index: OrgIndex; loaded: Promise<OrgIndex> }>()

  constructor(store: DocumentStore) {
    this.#store = store
  }

  /** The school's index, loaded. Commits during the load are applied at once; the newest seq wins. */
  index(schoolId: string): Promise<OrgIndex> {
    const known = this.#schools.get(schoolId)
    if (known) return known.loaded
    const index = new OrgIndex()
    const loaded = this.#load(schoolId, index)
    this.#schools.set(schoolId, { index, loaded })
    return loaded
  }

  /** The scope a read of `collection` needs; collections without scoped kinds do not load the index. */
  async readScope(user: SessionUser, collection: CollectionName): Promise<ReadScope> {
    if (!READ_SCOPE_COLLECTIONS.includes(collection)) return EMPTY_SCOPE
    return (await this.index(user.schoolId)).scopeOf(user)
  }

  /** Drops the index of `schoolId` (of every school when `undefined`): it is read again at its next use. */
  forget(schoolId: string | undefined): void {
    if (schoolId === undefined) this.#schools.clear()
    else this.#schools.delete(schoolId)
  }

  /** Whether `apply(change)` may change the scopes of the change's school. */
  changesIndex(change: CommittedChange): boolean {
    return INDEXED_COLLECTIONS.includes(change.collection) && this.#schools.has(change.schoolId)
  }

  apply(change: CommittedChange): void {
    if (this.changesIndex(change)) this.#schools.get(change.schoolId)?.index.apply(change.documents)
  }

  async #loadCollection(schoolId: string, collection: CollectionName, index: OrgIndex): Promise<void> {
    for (let seq = 0; ;) {
      const page = await this.#store.pull(schoolId, collection, seq, LOAD_PAGE)
      index.apply(page)
      const last = page.at(-1)
      if (!last || page.length < LOAD_PAGE) return
      seq = last.seq
    }
  }

  async #load(schoolId: string, index: OrgIndex): Promise<OrgIndex> {
    try {
      for (const collection of INDEXED_COLLECTIONS) await this.#loadCollection(schoolId, collection, index)
      return index
    } catch (error) {
      // The next request tries again.
      this.#schools.delete(schoolId)
      throw error
    }
  }
}
