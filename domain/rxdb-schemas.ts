import type { CollectionName } from './collections.ts'

/**
 * The RxDB schema of a collection is only the envelope every kind shares, plus the indexes the area needs.
 * Per-kind fields are checked by `validateDocument` before every write (renderer) and every push (server),
 * so adding a kind never changes a collection's RxDB schema and never needs a local migration.
 * The Dexie storage wants indexed fields required: index only fields every kind has.
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

export function collectionSchema(name: CollectionName): CollectionSchema {
  const maxLength = ID_MAX_LENGTH[name]
  return {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: maxLength ? { ...envelope, id: { type: 'string', maxLength } } : { ...envelope },
    required: ['id', 'kind', 'schoolId', 'updatedAt'],
    indexes: [['kind', 'id']],
  }
}
