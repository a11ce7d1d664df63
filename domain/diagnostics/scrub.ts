/**
 * Takes out of a diagnostic text what must never leave the PC in a diagnostics export: tokens, passwords and
 * secrets, long opaque strings that may be keys, e-mail addresses and long numbers (phones, student numbers), and
 * the document data that RxDB appends to its error messages.
 */

/** RxDB's errors end with the parameters of the call, which can hold whole documents. */
const RXDB_PARAMETERS = /\n-{20}\nParameters:[\s\S]*$/

const RULES: readonly (readonly [RegExp, string])[] = [
  // JSON Web Tokens.
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[token]'],
  // Authorization headers.
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [token]'],
  // name=value, name: value, "name": "value" for anything named like a credential.
  [
    /((?:access|refresh|poll|id|auth|session|api)?[_-]?(?:token|key)|password|passwd|secret|authorization|cookie)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    '$1$2[redacted]',
  ],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  // Seven digits or more, spaces allowed between them; not a line:column of a stack frame.
  [/(?<![\d:])\+?\d(?: ?\d){6,}/g, '[number]'],
  // Long opaque strings (random tokens, keys); a UUID (36 characters) stays.
  [/[\w+=-]{40,}/g, '[redacted]'],
]

export function scrub(text: string): string {
  return RULES.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    text.replace(RXDB_PARAMETERS, ''),
  )
}

/** Query strings and fragments can carry tokens or search texts: a location keeps its path only. */
export function pathOnly(location: string): string {
  return location.replace(/[?#].*$/, '')
}
