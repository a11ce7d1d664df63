/** Runs async work one at a time per key, in call order. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>()

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    let release = () => {}
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)))
    this.#tails.set(key, tail)
    await previous
    try {
      return await work()
    } finally {
      release()
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    }
  }
}
