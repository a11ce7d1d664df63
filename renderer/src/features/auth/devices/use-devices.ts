import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { isNetworkError } from '../../../db/index.ts'
import { reasonOf } from '../../../ui/reason-of.ts'
import type { DeviceSession } from '../../../../../domain/auth/auth-wire.ts'
import { createDevicesApi } from './devices-api.ts'
import { useAuthStore } from '../store.ts'

/** The "signed-in devices" dialog: the user's sessions, signing one or all others out (AUTH-6). */
export function useDevices() {
  const auth = useAuthStore()
  const { t, locale } = useI18n()
  const loading = ref(false)
  const devices = ref<DeviceSession[]>([])

  const api = () => {
    if (!auth.session) throw new Error('not logged in')
    return createDevicesApi(auth.session.api)
  }

  function failed(error: unknown): void {
    const message = isNetworkError(error)
      ? t('devices.offline')
      : t('common.failed', { reason: reasonOf(error) })
    ElMessage.error({ message, grouping: true })
  }

  async function run(action: () => Promise<unknown>, done?: string): Promise<void> {
    loading.value = true
    try {
      await action()
      devices.value = await api().list()
      if (done) ElMessage.success(done)
    } catch (error) {
      failed(error)
    } finally {
      loading.value = false
    }
  }

  /** Loads the list afresh (the dialog calls it each time it opens). */
  function load(): Promise<void> {
    devices.value = []
    return run(async () => undefined)
  }

  const time = (at: number) =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(at)

  return {
    loading,
    devices,
    time,
    load,
    revoke: (device: DeviceSession) => run(() => api().revoke(device.id), t('devices.signedOut')),
    revokeOthers: () => run(() => api().revokeOthers(), t('devices.othersSignedOut')),
  }
}
