/** Fields every replicated document has (DESIGN §4). */
export interface BaseDocument {
  id: string
  kind: string
  schoolId: string
  /** Set by the writer, informational only: never used to order or resolve anything. */
  updatedAt: number
}

/** A document as it travels on the wire and is stored by the server: with its tombstone flag. */
export type WireDocument<T extends BaseDocument = BaseDocument> = T & { _deleted: boolean }

/**
 * The document with a boolean tombstone flag: a missing `_deleted` (the wire allows it) means a live document.
 * Applied where documents enter the server's store, so every reader can rely on `_deleted` being a boolean.
 */
export function withTombstoneFlag<T extends BaseDocument>(doc: T & { _deleted?: boolean }): WireDocument<T> {
  return { ...doc, _deleted: doc._deleted === true }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Deep equality of JSON values; object key order is ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]))
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = Object.keys(a).filter((k) => a[k] !== undefined)
    const bKeys = Object.keys(b).filter((k) => b[k] !== undefined)
    return aKeys.length === bKeys.length && aKeys.every((k) => deepEqual(a[k], b[k]))
  }
  return false
}

/** A deep copy of a JSON document (the replica's documents are read-only proxies that structuredClone refuses). */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Client-generated document id (DESIGN §4). */
export function newId(): string {
  return globalThis.crypto.randomUUID()
}
