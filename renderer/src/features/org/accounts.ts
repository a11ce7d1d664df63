import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { useAuthStore } from '../auth/store.ts'
import { useSyncStore } from '../sync/store.ts'
import type { Account } from '../../../../domain/org/admin-wire.ts'
import {
  accountsByPerson,
  adminFailure,
  createAdminApi,
  type AdminApi,
  type AdminFailure,
} from './admin-api.ts'

/**
 * The server's accounts of the school, for admins, loaded when the session starts and again when the server
 * comes back. Without them the screen still works, only the account column, filter and actions are off.
 */
export const useAccountStore = defineStore('accounts', () => {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const accounts = shallowRef<ReadonlyMap<string, Account> | null>(null)
  const failure = ref<AdminFailure | null>(null)
  const api = computed<AdminApi | null>(() => (auth.session ? createAdminApi(auth.session.api) : null))
  /** Account actions need an admin and the server. */
  const available = computed(() => auth.isAdmin && sync.status.online && api.value !== null)

  async function reload(): Promise<void> {
    const current = api.value
    if (!current || !auth.isAdmin) return
    try {
      accounts.value = accountsByPerson(await current.accounts())
      failure.value = null
    } catch (error) {
      failure.value = adminFailure(error)
    }
  }

  watch(
    () => auth.session,
    () => {
      accounts.value = null
      failure.value = null
    },
  )
  watch(
    [() => auth.session, () => sync.status.online],
    ([session, online]) => {
      if (session && online) void reload()
    },
    { immediate: true },
  )

  return { accounts, failure, api, available, reload }
})
