import { onScopeDispose, ref, type Ref } from 'vue'
import { useAuthStore } from './store.ts'

/**
 * The server's clock as this PC knows it (`db/server-clock.ts`), ticking every `tickMs` while the caller's scope
 * lives: what screens show about times the server decides by (recall window, scheduled publishing).
 */
export function useServerNow(tickMs: number): Ref<number> {
  const auth = useAuthStore()
  const read = () => auth.session?.api.serverClock.now() ?? Date.now()
  const now = ref(read())
  const tick = setInterval(() => (now.value = read()), tickMs)
  onScopeDispose(() => clearInterval(tick))
  return now
}
