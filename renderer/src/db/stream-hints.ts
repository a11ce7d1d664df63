import { isCollectionName, type CollectionName } from '../../../domain/collections.ts'
import type { SseEvent } from './sse-parser.ts'

/** What a stream event asks of the engine: pull these collections (from seq 0 when `fromZero`). */
export interface PullHint {
  collections: CollectionName[]
  fromZero: boolean
}

/**
 * The pull a stream event asks for; `malformed` when its data is not JSON (the engine then pulls every
 * collection); null when it asks for nothing (another event type, a collection this client does not know).
 * A `change` event is only a hint to pull: RxDB can apply a change event after a newer pull, and drops a resync
 * that reaches it together with change events (docs/decisions.md, "stream events are pull hints"). Pure.
 */
export function pullHintOf(event: SseEvent): PullHint | 'malformed' | null {
  if (event.event !== 'change' && event.event !== 'resync') return null
  let data: { collection: string } | { collections: string[]; fromZero?: boolean } | null
  try {
    data = JSON.parse(event.data) as typeof data
  } catch {
    return 'malformed'
  }
  if (!data) return null
  if (event.event === 'change') {
    const { collection } = data as { collection: string }
    return isCollectionName(collection) ? { collections: [collection], fromZero: false } : null
  }
  const asked = data as { collections: string[]; fromZero?: boolean }
  return { collections: asked.collections.filter(isCollectionName), fromZero: asked.fromZero === true }
}
