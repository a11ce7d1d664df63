import { computed } from 'vue'
import { staffAccounts } from '../../../../domain/org/staff-directory.ts'
import { useAccountStore } from '../org/accounts.ts'

/**
 * The staff accounts from the server, to tell who joined. Null while unknown (not an admin, offline, or a server
 * without the route): the screen then works without them.
 */
export function useStaffAccounts() {
  const store = useAccountStore()
  const accounts = computed(() => (store.accounts ? staffAccounts([...store.accounts.values()]) : null))
  return { accounts, available: computed(() => accounts.value !== null) }
}
