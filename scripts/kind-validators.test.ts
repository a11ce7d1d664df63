import { readFileSync } from 'node:fs'
import { Validator } from '@cfworker/json-schema'
import { describe, expect, it } from 'vitest'
import { generateLargeSchool } from '../bench/large-school.ts'
import { isPlainObject } from '../domain/documents.ts'
import { kindValidators } from '../domain/generated/kind-validators.js'
import type { JsonSchema, KindDefinition } from '../domain/kinds.ts'
import { KINDS } from '../domain/registry.ts'
import { demoSchoolDocuments } from '../sync-server/src/seed/demo.ts'
import { KIND_VALIDATORS_PATH, kindValidatorsSource } from './kind-validators.ts'

type Json = unknown

// Strings a schema's patterns and lengths may accept, in the order they are tried when a document is built.
const SAMPLE_STRINGS = ['x', '2026-09-01', '08:00', '13800138000', 'a'.repeat(64), 'https://example.com/a']
// Values put in every place of a document: wrong types, bounds, blank and long text, text whose length differs
// in code points and UTF-16 units.
const PROBES: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  61,
  1e12,
  '',
  ' ',
  '\n',
  'x',
  '2026-13-01',
  '24:00',
  'https://',
  'a'.repeat(64),
  'a'.repeat(65),
  '😀'.repeat(60),
  '😀'.repeat(64),
  'x'.repeat(5000),
  [],
  ['x'],
  [{}],
  {},
  { x: 1 },
]

/** A value `schema` should accept, built from it without a generator library: the first choice that fits. */
function sample(schema: JsonSchema, root: JsonSchema, depth = 0): Json {
  const inner = (child: JsonSchema) => sample(child, root, depth + 1)
  if (typeof schema.$ref === 'string') return inner(resolve(schema.$ref, root))
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if (Array.isArray(schema.anyOf)) return inner(schema.anyOf[0] as JsonSchema)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  if (type === 'object' || isPlainObject(schema.properties)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
    return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, inner(value)]))
  }
  if (type === 'array') {
    const items = schema.items as JsonSchema | undefined
    // One item, down to a depth where recursive schemas (sections of sections) stop.
    const length = Number(schema.minItems ?? (depth < 4 ? 1 : 0))
    return items ? Array.from({ length }, () => inner(items)) : []
  }
  if (type === 'string') return SAMPLE_STRINGS.find((text) => fits(text, schema)) ?? 'x'
  if (type === 'integer' || type === 'number') return Number(schema.minimum ?? 1)
  if (type === 'boolean') return true
  return null
}

function fits(text: string, schema: JsonSchema): boolean {
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : null
  return (
    (!pattern || pattern.test(text)) &&
    text.length >= Number(schema.minLength ?? 0) &&
    text.length <= Number(schema.maxLength ?? Infinity)
  )
}

function resolve(ref: string, root: JsonSchema): JsonSchema {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node: JsonSchema, key) => node[key] as JsonSchema, root)
}

/** Every path to a value inside `doc` (object fields and array items), the document itself excluded. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...prefix, index], ...paths(item, [...prefix, index])])
  if (!isPlainObject(value)) return []
  return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])])
}

/** `doc` with the value at `path` replaced by `value`, or removed when `value` is `undefined`. */
function changed(doc: Json, path: (string | number)[], value: Json): Json {
  const copy = structuredClone(doc) as Record<string | number, Json>
  const parent = path.slice(0, -1).reduce((node, key) => node[key] as Record<string | number, Json>, copy)
  const last = path.at(-1) as string | number
  if (value !== undefined) parent[last] = value
  else if (Array.isArray(parent)) parent.splice(Number(last), 1)
  else Reflect.deleteProperty(parent, last)
  return copy
}

/** The document, every place of it probed, removed, and objects given a field their schema does not list. */
function variants(doc: Json): Json[] {
  const everyPath = paths(doc)
  const objects = [[], ...everyPath].filter((path) => isPlainObject(valueAt(doc, path)))
  return [
    doc,
    ...everyPath.flatMap((path) => [undefined, ...PROBES].map((value) => changed(doc, path, value))),
    ...objects.map((path) => changed(doc, [...path, 'unlisted'], 1)),
  ]
}

function valueAt(doc: Json, path: (string | number)[]): Json {
  return path.reduce((node: Json, key) => (node as Record<string | number, Json>)[key], doc)
}

const schoolDocuments = [
  ...Object.values(demoSchoolDocuments(1)).flat(),
  ...Object.values(generateLargeSchool('bench')).flat(),
]

/** Documents of every kind: the demo school's and the large school's (a few of each), and one built from its schema. */
function documentsOf(definition: KindDefinition): Json[] {
  const stored = schoolDocuments.filter((doc) => doc.kind === definition.kind)
  const withoutDeleted = stored.slice(0, 3).map(({ _deleted: _, ...fields }) => fields)
  return [...withoutDeleted, sample(definition.schema, definition.schema)]
}

describe('kindValidators (compiled by scripts/kind-validators.ts)', () => {
  it('is the module generated from the kinds’ current schemas', () => {
    expect(readFileSync(KIND_VALIDATORS_PATH, 'utf8')).toBe(kindValidatorsSource())
  })

  it.each(KINDS.map((definition) => [definition.kind, definition] as const))(
    'accepts and refuses exactly the %s documents the interpreted validator does',
    (_, definition) => {
      const interpreted = new Validator(definition.schema as never, '2020-12', false)
      const compiled = kindValidators[definition.kind]
      const documents = documentsOf(definition).flatMap(variants)
      const disagreements = documents.filter((doc) => compiled?.(doc) !== interpreted.validate(doc).valid)
      expect(disagreements).toEqual([])
      expect(documents.some((doc) => interpreted.validate(doc).valid)).toBe(true)
      expect(documents.some((doc) => !interpreted.validate(doc).valid)).toBe(true)
    },
  )
})
