/** Writes a document's state; resolves with the state written, or undefined when the write failed. */
export type Write<T> = (base: T) => Promise<T | undefined>

/**
 * Runs writes of one document one after another, each on the result of the one before: the live list may not
 * show a write yet when the next change comes (two scores typed in quick succession), and a change made on a
 * stale state would undo the first. Once no write is waiting, `current` (the live state) is the base again.
 */
export function createSerialWriter<T>(current: () => T | null) {
  let queue: Promise<unknown> = Promise.resolve()
  let lastWritten: T | null = null
  let waiting = 0

  async function run(write: Write<T>): Promise<boolean> {
    const base = lastWritten ?? current()
    if (base === null) return false
    const written = await write(base)
    if (written !== undefined) lastWritten = written
    return written !== undefined
  }

  /** Queues a write; resolves with whether it succeeded. */
  return function enqueue(write: Write<T>): Promise<boolean> {
    waiting += 1
    const step = queue.then(() => run(write))
    queue = step.finally(() => {
      waiting -= 1
      if (waiting === 0) lastWritten = null
    })
    return step
  }
}
