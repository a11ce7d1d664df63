import { computed, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { useI18n } from 'vue-i18n'
import { stemImageHashes } from '../../../../domain/questions/stem.ts'
import { renderStemHtml, type StemImages } from './stem-html.ts'
import { useBlobCache } from './use-blob-cache.ts'
import { useReconnections } from './use-reconnections.ts'

/** A stem's HTML ready for `v-html`: sanitised, its images resolved through the blob cache as they arrive. */
export function useStemHtml(html: MaybeRefOrGetter<string>) {
  const cache = useBlobCache()
  const { t } = useI18n()
  const images = shallowRef<StemImages>(new Map())

  const reconnections = useReconnections(cache)

  function resolve(hashes: readonly string[], isCurrent: () => boolean): void {
    for (const hash of hashes) {
      void cache.objectUrl(hash).then((url) => {
        if (isCurrent()) images.value = new Map([...images.value, [hash, url]])
      })
    }
  }

  watch(
    () => stemImageHashes(toValue(html)).join(' '),
    (joined, _previous, onCleanup) => {
      let current = true
      onCleanup(() => (current = false))
      images.value = new Map()
      resolve(joined.split(' ').filter(Boolean), () => current)
    },
    { immediate: true },
  )
  // Images missing while offline may download once the server is back.
  watch(reconnections, () => {
    const missing = [...images.value].filter(([, url]) => url === null).map(([hash]) => hash)
    resolve(missing, () => true)
  })

  const rendered = computed(() =>
    renderStemHtml(toValue(html), images.value, {
      imageLoading: t('blobs.imageLoading'),
      imageMissing: t('blobs.imageMissing'),
    }),
  )
  return { rendered }
}
