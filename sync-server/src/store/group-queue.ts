/**
 * Group commit: the items queued for one key while a group of that key is being run are run next, together, as one
 * group (up to `maxGroup` of them), in the order they were added. The first item of an idle key runs at once, alone:
 * nothing waits for a group to fill. `runGroup` settles each item itself and must not throw.
 */
export class GroupQueue<Item> {
  readonly #queues = new Map<string, Item[]>()
  readonly #runGroup: (key: string, items: Item[]) => Promise<void>
  readonly #maxGroup: number

  constructor(runGroup: (key: string, items: Item[]) => Promise<void>, maxGroup: number) {
    this.#runGroup = runGroup
    this.#maxGroup = maxGroup
  }

  add(key: string, item: Item): void {
    const queue = this.#queues.get(key)
    if (queue) {
      queue.push(item)
      return
    }
    const started = [item]
    this.#queues.set(key, started)
    void this.#drain(key, started)
  }

  async #drain(key: string, queue: Item[]): Promise<void> {
    while (queue.length > 0) await this.#runGroup(key, queue.splice(0, this.#maxGroup))
    this.#queues.delete(key)
  }
}
