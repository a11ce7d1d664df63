/**
 * Performance marks of the app's start (DESIGN §11 `start_to_interactive_ms`): the replica opened, each kind
 * store's first load, the home screen interactive. Each is set once per page load, so its `startTime` is the time
 * since navigation start; the start bench (bench/start.ts) reads them.
 */
export const START_MARK_PREFIX = 'campus-desk:'

export const HOME_INTERACTIVE = 'home-interactive'

/** Marks `name` the first time it is reached in this page load; later calls keep the first time. */
export function markStart(name: string): void {
  const mark = START_MARK_PREFIX + name
  if (performance.getEntriesByName(mark, 'mark').length === 0) performance.mark(mark)
}

/** The start marks set so far, by name, in ms since navigation start. */
export function startMarks(): Record<string, number> {
  return Object.fromEntries(
    performance
      .getEntriesByType('mark')
      .filter((entry) => entry.name.startsWith(START_MARK_PREFIX))
      .map((entry) => [entry.name.slice(START_MARK_PREFIX.length), entry.startTime]),
  )
}
