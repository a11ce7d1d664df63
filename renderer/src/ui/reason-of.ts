/** What went wrong, in words a message can show: an error's message, or the thrown value itself. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
