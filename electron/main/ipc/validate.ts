import type { FileFilter, OpenFileRequest, SaveFileRequest } from '../../preload/api.ts'
import { isSafeExternalUrl } from '../security/external-links.ts'

/**
 * Argument validators for IPC handlers. The renderer is treated as untrusted input: every value is checked and
 * rebuilt (never passed through), and anything unexpected throws, which rejects the renderer's call.
 */
export type Check<T> = (value: unknown, name: string) => T

export class InvalidArgumentError extends TypeError {
  override name = 'InvalidArgumentError'
}

/** A validator for a whole argument list: exactly as many arguments as checks, each checked in turn. */
export function argumentsOf<T extends unknown[]>(
  ...checks: { [K in keyof T]: Check<T[K]> }
): (args: unknown[]) => T {
  return (args) => {
    if (args.length !== checks.length) {
      throw new InvalidArgumentError(`expected ${checks.length} argument(s), got ${args.length}`)
    }
    return checks.map((check, index) => check(args[index], `argument ${index + 1}`)) as T
  }
}

function fail(name: string, expectation: string): never {
  throw new InvalidArgumentError(`${name} must be ${expectation}`)
}

function boundedString(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string') fail(name, 'a string')
  if (value.length > maxLength) fail(name, `at most ${maxLength} characters`)
  return value
}

function arrayOf<T>(value: unknown, name: string, maxItems: number, check: Check<T>): T[] {
  if (!Array.isArray(value)) fail(name, 'an array')
  if (value.length > maxItems) fail(name, `at most ${maxItems} items`)
  return value.map((item, index) => check(item, `${name}[${index}]`))
}

function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(name, 'an object')
  return value as Record<string, unknown>
}

const SECRET_KEY = /^[A-Za-z0-9][\w.:-]{0,127}$/

export const secretKey: Check<string> = (value, name) => {
  const key = boundedString(value, name, 128)
  if (!SECRET_KEY.test(key)) fail(name, 'letters, digits and . _ : - (1 to 128)')
  return key
}

export const secretValue: Check<string> = (value, name) => boundedString(value, name, 64 * 1024)

// Reserved on Windows, or a path separator somewhere.
const FORBIDDEN_IN_FILE_NAMES = /[<>:"/\\|?*]/
const hasControlCharacter = (text: string) => [...text].some((character) => character.charCodeAt(0) < 0x20)

/** A bare file name, never a path: the dialog decides the folder. */
export const fileName: Check<string> = (value, name) => {
  const candidate = boundedString(value, name, 255)
  const forbidden = FORBIDDEN_IN_FILE_NAMES.test(candidate) || hasControlCharacter(candidate)
  if (!candidate.trim() || candidate === '.' || candidate === '..' || forbidden) {
    fail(name, 'a file name without a path')
  }
  return candidate
}

const EXTENSION = /^(\*|[A-Za-z0-9]{1,16})$/

const fileFilter: Check<FileFilter> = (value, name) => {
  const filter = record(value, name)
  return {
    name: boundedString(filter.name, `${name}.name`, 100),
    extensions: arrayOf(filter.extensions, `${name}.extensions`, 20, (extension, itemName) => {
      if (typeof extension !== 'string' || !EXTENSION.test(extension))
        fail(itemName, 'an extension such as "xlsx"')
      return extension
    }),
  }
}

const fileFilters: Check<FileFilter[]> = (value, name) => arrayOf(value, name, 20, fileFilter)

export const MAX_FILE_BYTES = 512 * 1024 * 1024

const fileData: Check<Uint8Array | string> = (value, name) => {
  if (typeof value === 'string') return boundedString(value, name, MAX_FILE_BYTES)
  if (!(value instanceof Uint8Array)) fail(name, 'a string or a Uint8Array')
  if (value.byteLength > MAX_FILE_BYTES) fail(name, `at most ${MAX_FILE_BYTES} bytes`)
  return value
}

export const saveFileRequest: Check<SaveFileRequest> = (value, name) => {
  const request = record(value, name)
  return {
    defaultName: fileName(request.defaultName, `${name}.defaultName`),
    filters: fileFilters(request.filters, `${name}.filters`),
    data: fileData(request.data, `${name}.data`),
  }
}

export const openFileRequest: Check<OpenFileRequest> = (value, name) => ({
  filters: fileFilters(record(value, name).filters, `${name}.filters`),
})

/**
 * The renderer bounds its diagnostic log to 256 KiB (domain/diagnostics); this is the main process's own limit,
 * with room to spare, so that a compromised renderer cannot fill the disk. It must be a JSON array.
 */
export const MAX_DIAGNOSTIC_LOG_CHARS = 1024 * 1024

export const diagnosticLog: Check<string> = (value, name) => {
  const log = boundedString(value, name, MAX_DIAGNOSTIC_LOG_CHARS)
  let parsed: unknown
  try {
    parsed = JSON.parse(log)
  } catch {
    fail(name, 'a JSON array')
  }
  if (!Array.isArray(parsed)) fail(name, 'a JSON array')
  return log
}

/** An address `shell.openExternal` may open (see `isSafeExternalUrl`). */
export const externalUrl: Check<string> = (value, name) => {
  const url = boundedString(value, name, 2048)
  if (!isSafeExternalUrl(url)) fail(name, 'an http(s) address with a host and without credentials')
  return url
}

export const noArguments = argumentsOf<[]>()
