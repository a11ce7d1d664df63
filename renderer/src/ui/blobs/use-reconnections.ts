import { onScopeDispose, ref, type Ref } from 'vue'
import type { BlobCache } from '../../db/index.ts'

/**
 * Counts the moments the server may be reachable again, for the current component: a lookup that found a blob
 * missing (offline, never downloaded) watches it to try once more.
 */
export function useReconnections(cache: BlobCache): Ref<number> {
  const count = ref(0)
  const subscription = cache.reconnected$.subscribe(() => (count.value += 1))
  onScopeDispose(() => subscription.unsubscribe())
  return count
}
