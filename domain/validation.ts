import { Validator } from '@cfworker/json-schema'
import type { CollectionName } from './collections.ts'
import { isPlainObject, type BaseDocument } from './documents.ts'
import { kindValidators } from './generated/kind-validators.js'
import type { KindDefinition } from './kinds.ts'
import { kindDefinition } from './registry.ts'

export type ValidationResult =
  { ok: true; definition: KindDefinition<BaseDocument> } | { ok: false; errors: string[] }

// Neither validator uses eval, so both run under the renderer's strict CSP. The kinds' schemas compiled ahead of
// time by ajv (scripts/kind-validators.ts) decide a valid document ~10× faster; a document they refuse is validated
// again by @cfworker/json-schema, interpreted, which names what is wrong (and has the last word).
const validators = new Map<string, Validator>()

function validatorFor(definition: KindDefinition): Validator {
  let validator = validators.get(definition.kind)
  if (!validator) {
    validator = new Validator(definition.schema as never, '2020-12', false)
    validators.set(definition.kind, validator)
  }
  return validator
}

// U+0000 and a UTF-16 surrogate without its partner: PostgreSQL stores neither (text has no NUL, jsonb refuses an
// unpaired surrogate), so such text is refused everywhere, on every store, rather than answered 500 for ever.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function unstorableIn(text: string): string | undefined {
  if (text.includes('\u0000')) return 'U+0000'
  return LONE_SURROGATE.test(text) ? 'a lone surrogate' : undefined
}

/** Whether any string of `value` (field names too) cannot be stored: `unstorableText` without building paths. */
function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return unstorableIn(value) !== undefined
  if (Array.isArray(value)) return value.some(holdsUnstorableText)
  if (!isPlainObject(value)) return false
  for (const key of Object.keys(value)) {
    if (unstorableIn(key) !== undefined || holdsUnstorableText(value[key])) return true
  }
  return false
}

/** Every string of `value` (field names too) that cannot be stored, as `<path> holds <what>`. */
function unstorableText(value: unknown, path: string[] = []): string[] {
  const where = path.join('/') || '(document)'
  if (typeof value === 'string') {
    const what = unstorableIn(value)
    return what ? [`${where} holds ${what}`] : []
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => unstorableText(item, [...path, String(index)]))
  if (!isPlainObject(value)) return []
  return Object.entries(value).flatMap(([key, item]) => {
    const what = unstorableIn(key)
    if (what) return [`a field name holds ${what}`]
    return unstorableText(item, [...path, key])
  })
}

function describe(doc: unknown): string {
  if (!isPlainObject(doc)) return 'document'
  const kind = typeof doc.kind === 'string' ? doc.kind : 'document'
  return typeof doc.id === 'string' ? `${kind} ${doc.id}` : kind
}

/**
 * Checks a document against the schema of its kind and that the kind belongs to `collection`.
 * `_deleted` (the wire tombstone flag) is allowed and must be a boolean; every other field is the kind's.
 * No string anywhere in it (field names included) may hold U+0000 or a lone surrogate.
 */
export function validateDocument(collection: CollectionName, doc: unknown): ValidationResult {
  const name = describe(doc)
  if (!isPlainObject(doc)) return { ok: false, errors: [`${name}: not an object`] }
  const unstorable = holdsUnstorableText(doc) ? unstorableText(doc) : []
  if (unstorable.length) return { ok: false, errors: unstorable.map((problem) => `${name}: ${problem}`) }
  const { _deleted: deleted, ...fields } = doc
  if (deleted !== undefined && typeof deleted !== 'boolean') {
    return { ok: false, errors: [`${name}: _deleted must be a boolean`] }
  }
  const definition = typeof doc.kind === 'string' ? kindDefinition(doc.kind) : undefined
  if (!definition) return { ok: false, errors: [`${name}: unknown kind ${JSON.stringify(doc.kind)}`] }
  if (definition.collection !== collection) {
    return {
      ok: false,
      errors: [`${name}: kind ${definition.kind} belongs to collection ${definition.collection}`],
    }
  }
  const result = kindValidators[definition.kind]?.(fields)
    ? { valid: true, errors: [] }
    : validatorFor(definition).validate(fields)
  if (result.valid) {
    const problems = definition.check?.(fields as unknown as BaseDocument) ?? []
    if (!problems.length) return { ok: true, definition }
    return { ok: false, errors: problems.map((problem) => `${name}: ${problem}`) }
  }
  const errors = result.errors
    .filter((e) => e.keyword !== 'properties' && e.keyword !== 'allOf')
    .map((e) => `${name}: ${e.instanceLocation.replace(/^#\/?/, '') || '(document)'} ${e.error}`)
  return {
    ok: false,
    errors: errors.length ? errors : [`${name}: does not match the ${definition.kind} schema`],
  }
}
