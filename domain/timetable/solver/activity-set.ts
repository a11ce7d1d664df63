/**
 * A set of activity indexes (0 to `capacity` − 1) with the methods of a `Set` the search uses, iterated in the
 * order added, as a `Set` is. Adding, asking and clearing are array lookups: the search clears and refills one for
 * every slot it weighs, millions of times, and a `Set`'s hashing was a large part of that (docs/timetabling.md,
 * "Going back to the best").
 */
export class ActivitySet implements Iterable<number> {
  /** Per activity, the generation it was added in; clearing starts a new generation. */
  private readonly addedIn: Uint32Array
  private readonly members: Int32Array
  private generation = 1
  size = 0

  constructor(capacity: number) {
    this.addedIn = new Uint32Array(capacity)
    this.members = new Int32Array(capacity)
  }

  has(activity: number): boolean {
    return this.addedIn[activity] === this.generation
  }

  add(activity: number): this {
    if (this.has(activity)) return this
    this.addedIn[activity] = this.generation
    this.members[this.size++] = activity
    return this
  }

  /** Takes `activity` out, keeping the others' order. */
  delete(activity: number): boolean {
    if (!this.has(activity)) return false
    this.addedIn[activity] = 0
    const index = this.members.subarray(0, this.size).indexOf(activity)
    this.members.copyWithin(index, index + 1, this.size)
    this.size--
    return true
  }

  clear(): void {
    this.size = 0
    this.generation++
    if (this.generation === 0xffffffff) {
      this.addedIn.fill(0)
      this.generation = 1
    }
  }

  /** The member added `index`-th (0 ≤ index < size). */
  at(index: number): number {
    return this.members[index] ?? -1
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let index = 0; index < this.size; index++) yield this.at(index)
  }
}
