import type { CollectionName } from '../../../domain/collections.ts'

/** What the change bus publishes between instances: which seqs of a school one commit stored, never the documents. */
export interface SeqRange {
  schoolId: string
  collection: CollectionName
  fromSeq: number
  toSeq: number
}

/**
 * Puts one school's committed ranges back in seq order, whatever order they arrive in. Every commit of a school
 * takes the seqs right after the previous one's, so the ranges tile 1, 2, 3…: a range is handed out only when it
 * starts right after the last one handed out, ranges already handed out (or older than the starting point) are
 * dropped, and later ones wait for the missing seqs — or for `skipMissing` when those will never come.
 */
export class SeqOrder<R extends SeqRange = SeqRange> {
  /** The last seq handed out (or known before this order started). */
  #lastSeq: number
  /** Ranges past a missing seq, by `fromSeq`. */
  readonly #waiting: R[] = []

  constructor(lastSeq: number) {
    this.#lastSeq = lastSeq
  }

  get lastSeq(): number {
    return this.#lastSeq
  }

  /** The seqs ranges are waiting for, when some are. */
  get missing(): { fromSeq: number; toSeq: number } | undefined {
    const first = this.#waiting[0]
    return first && { fromSeq: this.#lastSeq + 1, toSeq: first.fromSeq - 1 }
  }

  /** Takes one range; returns the ranges that can now be handed out, in seq order. */
  offer(range: R): R[] {
    if (range.fromSeq <= this.#lastSeq) return []
    if (this.#waiting.some((waiting) => waiting.fromSeq === range.fromSeq)) return []
    const at = this.#waiting.findIndex((waiting) => waiting.fromSeq > range.fromSeq)
    this.#waiting.splice(at === -1 ? this.#waiting.length : at, 0, range)
    return this.#release()
  }

  /** Gives up on the missing seqs: returns the ranges that waited for them, in seq order. */
  skipMissing(): R[] {
    const first = this.#waiting[0]
    if (!first) return []
    this.#lastSeq = first.fromSeq - 1
    return this.#release()
  }

  #release(): R[] {
    const released: R[] = []
    while (this.#waiting[0]?.fromSeq === this.#lastSeq + 1) {
      const next = this.#waiting.shift() as R
      released.push(next)
      this.#lastSeq = next.toSeq
    }
    return released
  }
}
