/** Runs the notice scheduler's periodic check; tests drive it by hand. */
export interface Scheduler {
  /** Calls `task` every `ms` until the returned function is called. */
  every(ms: number, task: () => void): () => void
}

export const intervalScheduler: Scheduler = {
  every(ms, task) {
    const timer = setInterval(task, ms)
    timer.unref()
    return () => clearInterval(timer)
  },
}
