import { computed, shallowRef, watch, type Ref } from 'vue'
import { termAvailability, type TermAvailability } from '../../../../domain/sync/term-window.ts'
import { useAuthStore } from '../auth/store.ts'
import { useSyncStore } from '../sync/store.ts'

/**
 * Whether the lessons of the term a screen shows are on this PC (issue 18: the replica keeps the current and
 * the next term). A term outside the replica's window is brought in while online.
 */
export function useTermAvailability(termId: Ref<string>) {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const termWindow = computed(() => auth.session?.engine.termWindow)
  const held = shallowRef<string | undefined>()
  const window = shallowRef<string[] | undefined>()

  watch(
    termWindow,
    (current, _previous, onCleanup) => {
      held.value = undefined
      window.value = undefined
      if (!current) return
      const subscriptions = [
        current.held$.subscribe((query) => (held.value = query)),
        current.window$.subscribe((ids) => (window.value = ids)),
      ]
      onCleanup(() => subscriptions.forEach((s) => s.unsubscribe()))
    },
    { immediate: true },
  )

  watch(
    [termId, window, () => sync.status.online],
    ([id, ids, online]) => {
      if (id && ids && online && !ids.includes(id)) termWindow.value?.open(id)
    },
    { immediate: true },
  )

  return computed<TermAvailability>(() =>
    termWindow.value && termId.value
      ? termAvailability(termId.value, held.value, sync.status.online)
      : 'here',
  )
}
