import { ElMessage } from 'element-plus'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useAuthStore } from '../auth/store.ts'
import { useAccountStore } from '../org/accounts.ts'
import { adminFailure, type AdminApi } from '../org/admin-api.ts'
import { reasonOf } from '../../ui/reason-of.ts'

/** Runs an admin call and reports a failure in words (offline, not allowed, server without the route…). */
export function useAdminAction() {
  const store = useAccountStore()
  const auth = useAuthStore()
  const { t } = useI18n()

  const unavailableReason = computed(() =>
    store.available ? null : t(`homeSchool.admin.${auth.isAdmin ? 'offline' : 'forbidden'}`),
  )

  async function call<R>(action: (api: AdminApi) => Promise<R>): Promise<R | undefined> {
    const api = store.api
    if (!api || !store.available) {
      ElMessage.warning(unavailableReason.value ?? t('homeSchool.admin.offline'))
      return undefined
    }
    try {
      return await action(api)
    } catch (error) {
      const reason = reasonOf(error)
      ElMessage.error({ message: t(`homeSchool.admin.${adminFailure(error)}`, { reason }), grouping: true })
      return undefined
    }
  }

  return { call, unavailableReason }
}
