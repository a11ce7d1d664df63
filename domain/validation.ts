import { Validator } from '@cfworker/json-schema'
import type { CollectionName } from './collections.ts'
import { isPlainObject, type BaseDocument } from './documents.ts'
import type { KindDefinition } from './kinds.ts'
import { kindDefinition } from './registry.ts'

export type ValidationResult =
  { ok: true; definition: KindDefinition<BaseDocument> } | { ok: false; errors: string[] }

// @cfworker/json-schema compiles nothing with eval, so the same validator runs under the renderer's strict CSP.
const validators = new Map<string, Validator>()

function validatorFor(definition: KindDefinition): Validator {
  let validator = validators.get(definition.kind)
  if (!validator) {
    validator = new Validator(definition.schema as never, '2020-12', false)
    validators.set(definition.kind, validator)
  }
  return validator
}

function describe(doc: unknown): string {
  if (!isPlainObject(doc)) return 'document'
  const kind = typeof doc.kind === 'string' ? doc.kind : 'document'
  return typeof doc.id === 'string' ? `${kind} ${doc.id}` : kind
}

/**
 * Checks a document against the schema of its kind and that the kind belongs to `collection`.
 * `_deleted` (the wire tombstone flag) is allowed and must be a boolean; every other field is the kind's.
 */
export function validateDocument(collection: CollectionName, doc: unknown): ValidationResult {
  const name = describe(doc)
  if (!isPlainObject(doc)) return { ok: false, errors: [`${name}: not an object`] }
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
  const result = validatorFor(definition).validate(fields)
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
