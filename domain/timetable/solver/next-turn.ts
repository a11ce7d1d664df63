/**
 * Lets the event loop run (timers, an abort, a worker's messages) and resumes at once. Not `setTimeout(0)`: Node
 * waits at least 1 ms and browsers 4 ms once nested, so the search sat idle between its batches (Brazil, seed 1: 280
 * yields, ~0.4 s of 1.7 s). Node has `setImmediate`; a browser's worker does not, and gets a message through a fresh
 * channel instead (Node could too, but its first channel costs ~35 ms of CPU).
 */
export function nextTurn(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve))
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel()
    port1.addEventListener(
      'message',
      () => {
        port1.close()
        resolve()
      },
      { once: true },
    )
    port1.start()
    port2.postMessage(null)
  })
}
