import { ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { useBlobCache } from './use-blob-cache.ts'
import { useReconnections } from './use-reconnections.ts'

export type BlobUrlState = 'loading' | 'ready' | 'missing'

/**
 * An object URL for a blob, from this PC or downloaded; `missing` when neither has it (offline, deleted) or
 * no hash is given. The URL belongs to the cache (revoked when the session ends), not to the component.
 */
export function useBlobUrl(sha256: MaybeRefOrGetter<string | undefined>): {
  url: Ref<string | null>
  state: Ref<BlobUrlState>
} {
  const cache = useBlobCache()
  const url = ref<string | null>(null)
  const state = ref<BlobUrlState>('loading')

  const reconnections = useReconnections(cache)

  async function look(hash: string | undefined, isCurrent: () => boolean): Promise<void> {
    url.value = null
    state.value = hash ? 'loading' : 'missing'
    if (!hash) return
    const made = await cache.objectUrl(hash)
    if (!isCurrent()) return
    url.value = made
    state.value = made ? 'ready' : 'missing'
  }

  watch(
    () => toValue(sha256),
    (hash, _previous, onCleanup) => {
      let current = true
      onCleanup(() => (current = false))
      void look(hash, () => current)
    },
    { immediate: true },
  )
  // A blob missing while offline may download once the server is back.
  watch(reconnections, () => {
    if (state.value === 'missing') void look(toValue(sha256), () => true)
  })

  return { url, state }
}
