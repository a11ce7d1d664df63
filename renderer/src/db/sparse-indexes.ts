import { getQueryPlan, type PreparedQuery, type RxJsonSchema, type RxStorage } from 'rxdb'
import { wrapStorageInstances } from './storage-wrapper.ts'

type AnySchema = RxJsonSchema<Record<string, unknown>>

/** Operators that no document without the field matches. */
const CONSTRAINING = new Set(['$eq', '$gt', '$gte', '$lt', '$lte'])

/** Does `condition` (a Mango selector's value for one field) match only documents that have the field? */
function constrains(condition: unknown): boolean {
  if (typeof condition === 'string' || typeof condition === 'number') return true
  if (typeof condition !== 'object' || condition === null) return false
  const operators = Object.entries(condition)
  return (
    operators.length > 0 &&
    operators.every(
      ([operator, value]) =>
        (CONSTRAINING.has(operator) && value !== null && value !== undefined) ||
        (operator === '$in' && Array.isArray(value) && value.every((v) => typeof v === 'string')),
    )
  )
}

/** Top-level index fields the schema does not require: not every document has them. */
export function sparseIndexFields(schema: AnySchema): Set<string> {
  const required = new Set<string>((schema.required as string[] | undefined) ?? [])
  const fields = ((schema.indexes ?? []) as (string | string[])[]).flat()
  return new Set(fields.filter((field) => !field.includes('.') && !required.has(field)))
}

/**
 * Indexes over fields only some kinds have (`collectionSchema`'s `KIND_INDEXES`, issue 18). IndexedDB leaves a
 * document without the field out of such an index, which is why RxDB's Dexie storage refuses indexes over fields
 * the schema does not require (DXE1). The storage below is told they are required, and every query or count
 * whose plan reads such an index without constraining its field (so that documents without it could match) is
 * planned again over the other indexes. RxDB's planner takes the sparse index only when the query ranks it
 * higher, in practice when it names the field.
 */
export function withSparseIndexes<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  const declared: RxStorage<Internals, Options> = {
    ...storage,
    createStorageInstance: (params) => {
      const sparse = sparseIndexFields(params.schema as AnySchema)
      if (sparse.size === 0) return storage.createStorageInstance(params)
      const required = [...(params.schema.required ?? []), ...sparse] as typeof params.schema.required
      return storage.createStorageInstance({ ...params, schema: { ...params.schema, required } })
    },
  }
  return wrapStorageInstances(declared, (instance, params) => {
    const schema = params.schema as AnySchema
    const sparse = sparseIndexFields(schema)
    if (sparse.size === 0) return instance
    const denseIndexes = ((schema.indexes ?? []) as string[][]).filter(
      (index) => !index.some((field) => sparse.has(field)),
    )
    const sound = (prepared: PreparedQuery<Record<string, unknown>>) => {
      const selector = prepared.query.selector as Record<string, unknown>
      const unsound = prepared.queryPlan.index.some(
        (field) => sparse.has(field) && !constrains(selector[field]),
      )
      if (!unsound) return prepared
      return { ...prepared, queryPlan: getQueryPlan({ ...schema, indexes: denseIndexes }, prepared.query) }
    }
    const wrapper: typeof instance = Object.create(instance)
    wrapper.query = (prepared) => instance.query(sound(prepared))
    wrapper.count = (prepared) => instance.count(sound(prepared))
    return wrapper
  })
}
