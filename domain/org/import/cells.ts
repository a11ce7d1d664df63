import { PHONE_PATTERN } from '../staff.ts'
import type { Cells } from './columns.ts'
import { error, type ImportMessage } from './report.ts'

const PHONE = new RegExp(PHONE_PATTERN)
const ID_NUMBER = /^\d{17}[\dX]$/
const YES = new Set(['是', 'yes', 'y', 'true', '1', '√', '✓'])
const NO = new Set(['否', 'no', 'n', 'false', '0', '×', '✗'])
/** Separators of a list in one cell: 、 , ， ; ； (the full-width ones folded by NFKC). */
const LIST_SEPARATOR = /[、,;]/

/** The year range the class schema accepts. */
const FIRST_YEAR = 1990
const LAST_YEAR = 2100

/** Reads and checks the cells of one row, collecting an error message per bad cell. */
export interface RowReader {
  readonly messages: ImportMessage[]
  /** The text of a cell ('' when empty); `max` is the schema's length limit. */
  text(key: string, max: number): string
  /** A text cell that must not be empty. */
  required(key: string, max: number): string
  phone(key: string): string
  idNumber(key: string): string
  yesNo(key: string): boolean | undefined
  year(key: string): number | undefined
  /** A list cell (`a、b, c`): its trimmed, non-empty, distinct items. */
  list(key: string, max: number): string[]
}

/** Spaces and dashes people put in phone numbers, and a +86 / 86 country prefix, are dropped. */
export function normalPhone(text: string): string {
  const digits = text.normalize('NFKC').replace(/[\s-]/g, '')
  return digits.replace(/^\+?86(?=1\d{10}$)/, '')
}

export function splitList(text: string): string[] {
  const items = text
    .normalize('NFKC')
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
  return [...new Set(items.filter(Boolean))]
}

export function rowReader(cells: Cells): RowReader {
  const messages: ImportMessage[] = []
  const raw = (key: string) => cells[key] ?? ''

  function text(key: string, max: number): string {
    const value = raw(key)
    if (value.length > max) messages.push(error('tooLong', key, { max }))
    return value
  }

  function required(key: string, max: number): string {
    const value = text(key, max)
    if (!value) messages.push(error('required', key))
    return value
  }

  function phone(key: string): string {
    const value = raw(key)
    if (!value) return ''
    const normal = normalPhone(value)
    if (!PHONE.test(normal)) messages.push(error('invalidPhone', key, { value }))
    return normal
  }

  function idNumber(key: string): string {
    const value = raw(key).normalize('NFKC').toUpperCase()
    if (value && !ID_NUMBER.test(value)) messages.push(error('invalidIdNumber', key, { value: raw(key) }))
    return value
  }

  function yesNo(key: string): boolean | undefined {
    const value = raw(key).normalize('NFKC').toLowerCase()
    if (!value) return undefined
    if (YES.has(value)) return true
    if (NO.has(value)) return false
    messages.push(error('invalidYesNo', key, { value: raw(key) }))
    return undefined
  }

  function year(key: string): number | undefined {
    const value = raw(key).normalize('NFKC')
    if (!value) {
      messages.push(error('required', key))
      return undefined
    }
    const number = Number(value)
    if (Number.isInteger(number) && number >= FIRST_YEAR && number <= LAST_YEAR) return number
    messages.push(error('invalidYear', key, { value }))
    return undefined
  }

  function list(key: string, max: number): string[] {
    const items = splitList(raw(key))
    if (items.some((item) => item.length > max)) messages.push(error('tooLong', key, { max }))
    return items
  }

  return { messages, text, required, phone, idNumber, yesNo, year, list }
}

/** Keys seen in the file with the rows they are on: for "also in row N" errors. */
export class Occurrences {
  private readonly rowsByKey = new Map<string, number[]>()

  add(key: string, row: number): void {
    if (!key) return
    const rows = this.rowsByKey.get(key)
    if (rows) rows.push(row)
    else this.rowsByKey.set(key, [row])
  }

  /** The other rows with the same key (empty when the key is unique in the file). */
  othersOf(key: string, row: number): number[] {
    return (this.rowsByKey.get(key) ?? []).filter((other) => other !== row)
  }
}
