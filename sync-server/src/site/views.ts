/**
 * Page views per article, counted in memory and added to the store in batches (every `flushEveryMs` and on
 * close), so a busy article page does not take the store's write lock for every reader.
 */
export class ViewCounter {
  readonly #pending = new Map<string, Map<string, number>>()
  readonly #save: (schoolId: string, counts: ReadonlyMap<string, number>) => Promise<void>

  constructor(save: (schoolId: string, counts: ReadonlyMap<string, number>) => Promise<void>) {
    this.#save = save
  }

  count(schoolId: string, articleId: string): void {
    this.#add(schoolId, articleId, 1)
  }

  /** What was counted and not saved yet for `schoolId`. */
  pending(schoolId: string): ReadonlyMap<string, number> {
    return this.#pending.get(schoolId) ?? new Map()
  }

  /** Saves what was counted since the last flush (of one school, or of all). */
  async flush(schoolId?: string): Promise<void> {
    const schools = schoolId === undefined ? [...this.#pending.keys()] : [schoolId]
    for (const id of schools) {
      const counts = this.#pending.get(id)
      if (!counts) continue
      this.#pending.delete(id)
      try {
        await this.#save(id, counts)
      } catch (error) {
        // Counted again with the next flush rather than lost.
        for (const [articleId, n] of counts) this.#add(id, articleId, n)
        throw error
      }
    }
  }

  #add(schoolId: string, articleId: string, n: number): void {
    const counts = this.#pending.get(schoolId) ?? new Map<string, number>()
    counts.set(articleId, (counts.get(articleId) ?? 0) + n)
    this.#pending.set(schoolId, counts)
  }
}
