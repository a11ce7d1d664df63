import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BaseDocument } from '../../../../domain/documents.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { KindStore } from '../../app/kind-store.ts'
import type { Changes } from '../../db/index.ts'
import { inOrder, moveItem, orderChanges, type Ordered } from './ordering.ts'

/**
 * A list the user orders by hand (SITE-1 banners, SITE-2 article types): moves (by dragging or the arrow
 * buttons) change the order on this screen only; "Save order" writes the documents whose `order` changed, and
 * "Discard" goes back to the stored order. Documents added meanwhile (here or on another PC) join at their place.
 */
export function useOrdering<T extends BaseDocument & Ordered>(store: KindStore<T>) {
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  /** The order on screen while it differs from the stored one; null: the stored order. */
  const moved = ref<string[] | null>(null)
  const saving = ref(false)

  const rows = computed<T[]>(() => {
    const stored = inOrder(store.items)
    if (!moved.value) return stored
    const byId = new Map(stored.map((doc) => [doc.id, doc]))
    const kept = moved.value.flatMap((id) => byId.get(id) ?? [])
    const keptIds = new Set(moved.value)
    return [...kept, ...stored.filter((doc) => !keptIds.has(doc.id))]
  })
  const changes = computed(() =>
    moved.value
      ? orderChanges(
          store.items,
          rows.value.map((doc) => doc.id),
        )
      : [],
  )
  const dirty = computed(() => changes.value.length > 0)

  function move(from: number, to: number): void {
    moved.value = moveItem(
      rows.value.map((doc) => doc.id),
      from,
      to,
    )
  }

  function discard(): void {
    moved.value = null
  }

  async function save(): Promise<void> {
    if (saving.value || !dirty.value) return
    saving.value = true
    try {
      const writes = changes.value
      const saved = await succeeded(async () => {
        for (const { id, order } of writes) await store.patch(id, { order } as Changes<T>)
      }, t('site.order.saved'))
      if (saved) moved.value = null
    } finally {
      saving.value = false
    }
  }

  return { rows, dirty, saving, move, discard, save }
}
