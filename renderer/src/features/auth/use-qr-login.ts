import QRCode from 'qrcode'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { authDependencies } from './dependencies.ts'
import { INITIAL_QR_VIEW, startQrLogin, type QrLoginView } from './qr-login.ts'
import { useAuthStore } from './store.ts'
import { useAfterLogin } from './use-after-login.ts'

/** Typing an address: wait this long after the last key before asking that server for a code. */
const SERVER_SETTLE_MS = 500

/** The QR tab: runs `startQrLogin` against the current server address, renders the code, counts down. */
export function useQrLogin(serverUrl: () => string | null) {
  const auth = useAuthStore()
  const afterLogin = useAfterLogin()
  const view = shallowRef<QrLoginView>(INITIAL_QR_VIEW)
  const image = ref('')
  const device = ref('')
  const now = ref(Date.now())
  let restart: (() => void) | null = null

  void authDependencies()
    .deviceName()
    .then((name) => (device.value = name))

  watch(
    [serverUrl, device],
    ([url, name], _previous, onCleanup) => {
      view.value = INITIAL_QR_VIEW
      if (!url || !name) return
      let stop: (() => void) | null = null
      const settle = setTimeout(() => {
        const controller = startQrLogin({
          serverUrl: url,
          deviceName: name,
          fetch: authDependencies().fetch,
          onChange: (next) => {
            now.value = Date.now()
            view.value = next
          },
          onConfirmed: async (result) => {
            await auth.loginWithQr(url, result)
            await afterLogin()
          },
        })
        restart = controller.restart
        stop = controller.stop
      }, SERVER_SETTLE_MS)
      onCleanup(() => {
        clearTimeout(settle)
        stop?.()
        restart = null
      })
    },
    { immediate: true },
  )

  watch(
    () => view.value.scanUrl,
    async (url) => {
      image.value = ''
      if (!url) return
      const rendered = await QRCode.toDataURL(url, { width: 400, margin: 1, errorCorrectionLevel: 'M' })
      if (view.value.scanUrl === url) image.value = rendered
    },
  )

  const tick = setInterval(() => (now.value = Date.now()), 1000)
  onScopeDispose(() => clearInterval(tick))

  /** Whole seconds the shown code has left (null when no code is shown or it is used up). */
  const secondsLeft = computed(() => {
    const { expiresAt, state } = view.value
    if (expiresAt === null || !['pending', 'expired', 'scanned'].includes(state)) return null
    return Math.max(0, Math.ceil((expiresAt - now.value) / 1000))
  })

  function refresh(): void {
    restart?.()
  }

  return { view, image, device, secondsLeft, refresh }
}
