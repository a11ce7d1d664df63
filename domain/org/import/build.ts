import { deepEqual, type BaseDocument } from '../../documents.ts'
import type { ImportMessage, Put, RowAction, RowReport } from './report.ts'

export function hasErrors(messages: readonly ImportMessage[]): boolean {
  return messages.some((message) => message.level === 'error')
}

export function rowReport(
  row: number,
  label: string,
  messages: ImportMessage[],
  action?: RowAction,
): RowReport {
  if (hasErrors(messages)) return { row, label, status: 'error', messages }
  return { row, label, status: 'ok', ...(action ? { action } : {}), messages }
}

/** The fields given a value (an empty cell leaves the stored value as it is). */
function given<T extends object>(changes: T): Partial<T> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined && value !== '')
  return Object.fromEntries(entries) as Partial<T>
}

export function withoutEnvelope<T extends BaseDocument>(doc: T): Put<T> {
  const { schoolId: _school, updatedAt: _updated, ...rest } = doc
  return rest
}

/** The document with the non-empty changes applied, and whether that changes it. */
export function mergeInto<T extends BaseDocument>(
  stored: T,
  changes: Partial<Omit<T, keyof BaseDocument>>,
): { doc: Put<T>; action: RowAction } {
  const before = withoutEnvelope(stored)
  const doc = { ...before, ...given(changes) }
  return { doc, action: deepEqual(doc, before) ? 'unchanged' : 'update' }
}

/** A new document from the non-empty fields. */
export function created<T extends BaseDocument>(doc: Put<T>): Put<T> {
  return given(doc) as Put<T>
}

/** Index of documents by a derived key; keys held by several documents map to all of them. */
export function indexBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const index = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    if (!key) continue
    const list = index.get(key)
    if (list) list.push(item)
    else index.set(key, [item])
  }
  return index
}
