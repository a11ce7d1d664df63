/**
 * Runs `task` now, or once more right after the current run when asked while it runs (any number of requests
 * during a run make one more run). `task` handles its own errors: a rejection would go unhandled.
 */
export function coalesced(task: () => Promise<void>): () => void {
  let running = false
  let again = false
  const run = (): void => {
    if (running) {
      again = true
      return
    }
    running = true
    void task().finally(() => {
      running = false
      if (again) {
        again = false
        run()
      }
    })
  }
  return run
}
