// Beyond this the id set costs more memory than the reads it saves are worth; the set then gives up.
const MAX_TRACKED_IDS = 1_000_000

/**
 * The ids written through a storage instance that was empty when it was opened: any other id is known not to be
 * stored, so reading it can be skipped. Only sound while this process is the instance's one writer.
 */
export class WrittenIds {
  private ids: Set<string> | null = new Set()

  /** Of `ids`, those that may be stored: all of them once the set gave up. */
  mayBeStored(ids: readonly string[]): string[] {
    const known = this.ids
    return known ? ids.filter((id) => known.has(id)) : [...ids]
  }

  add(ids: Iterable<string>): void {
    if (!this.ids) return
    for (const id of ids) this.ids.add(id)
    if (this.ids.size > MAX_TRACKED_IDS) this.ids = null
  }
}
