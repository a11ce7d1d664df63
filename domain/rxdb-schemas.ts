import type { CollectionName } from './collections.ts'

/**
 * The RxDB schema of a collection is only the envelope every kind shares, plus the indexes the area needs.
 * Per-kind fields are checked by `validateDocument` before every write (renderer) and every push (server),
 * so adding a kind never changes a collection's RxDB schema and never needs a local migration.
 * The Dexie storage wants indexed fields required: index only fields every kind has, except the
 * `KIND_INDEXES` below.
 */
export interface CollectionSchema {
  version: number
  primaryKey: 'id'
  type: 'object'
  properties: Record<string, Record<string, unknown>>
  required: string[]
  indexes: string[][]
}

const envelope = {
  id: { type: 'string', maxLength: 64 },
  kind: { type: 'string', maxLength: 40 },
  schoolId: { type: 'string', maxLength: 64 },
  updatedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
}

// Receipt ids are `<noticeId>:<personId>` (DESIGN §7.1): two ids and a colon.
const ID_MAX_LENGTH: Partial<Record<CollectionName, number>> = { receipts: 129 }

/**
 * Indexes over a field only some kinds have (issue 18): the home reads today's lessons by `date` without
 * walking every lesson of the replica's two terms. IndexedDB leaves a document without the field out of the
 * index, which is sound only because RxDB's query planner takes such an index for a query that constrains the
 * field (`['kind', 'id']` ranks higher otherwise) and no document without it matches such a query. Each entry is
 * a schema version of its collection, migrated by `migrateUnchanged`: documents keep their shape.
 */
const KIND_INDEXES: Partial<Record<CollectionName, { version: number; fields: Record<string, object> }>> = {
  timetable: { version: 1, fields: { date: { type: 'string', maxLength: 10 } } },
}

export function collectionSchema(name: CollectionName): CollectionSchema {
  const maxLength = ID_MAX_LENGTH[name]
  const kindIndex = KIND_INDEXES[name]
  const properties = maxLength ? { ...envelope, id: { type: 'string', maxLength } } : { ...envelope }
  return {
    version: kindIndex?.version ?? 0,
    primaryKey: 'id',
    type: 'object',
    properties: { ...properties, ...kindIndex?.fields },
    required: ['id', 'kind', 'schoolId', 'updatedAt'],
    indexes: [['kind', 'id'], ...Object.keys(kindIndex?.fields ?? {}).map((field) => ['kind', field, 'id'])],
  }
}

/** RxDB's migration strategies for `collectionSchema(name)`: every version keeps the documents as they are. */
export function migrateUnchanged(name: CollectionName): Record<number, <T>(doc: T) => T> {
  const version = collectionSchema(name).version
  return Object.fromEntries(Array.from({ length: version }, (_, i) => [i + 1, <T>(doc: T) => doc]))
}
