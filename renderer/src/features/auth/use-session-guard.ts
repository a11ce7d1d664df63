import { watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { startIdleTimer } from './idle-timer.ts'
import { useAuthStore } from './store.ts'

/**
 * For the screens of a session (the main layout): locks after the configured minutes without keyboard or
 * mouse activity (0: never), and leaves for the login page as soon as the session ends — by logout, idle lock
 * or data removal — so nothing of the previous user stays on screen. After a lock, logging in returns here.
 */
export function useSessionGuard(): void {
  const auth = useAuthStore()
  const router = useRouter()
  const route = useRoute()

  watch(
    [() => auth.isLoggedIn, () => auth.idleLockMinutes],
    ([loggedIn, minutes], _previous, onCleanup) => {
      if (!loggedIn || minutes <= 0) return
      onCleanup(
        startIdleTimer({ target: window, timeoutMs: minutes * 60_000, onIdle: () => void auth.lock() }),
      )
    },
    { immediate: true },
  )

  watch(
    () => auth.isLoggedIn,
    async (loggedIn) => {
      if (loggedIn) return
      const query = auth.locked ? { redirect: route.fullPath } : {}
      await router.replace({ name: 'login', query })
    },
  )
}
