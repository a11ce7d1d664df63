import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useAccountStore } from '../org/accounts.ts'
import { useAdminAction } from './use-admin.ts'
import { useAccountSlips } from './use-account-slips.ts'
import { useDirectory } from './use-directory.ts'

/** The home-school directory screen (AB-2, AB-4, AB-6): the tree, the selected class, slips, imports. */
export function useHomeSchool() {
  const { t } = useI18n()
  const directory = useDirectory()
  const accounts = useAccountStore()
  const { unavailableReason } = useAdminAction()
  const view = ref<'students' | 'keyInfo'>('students')
  const teachersVisible = ref(false)
  const importType = ref<'classes' | 'students'>('students')
  const importVisible = ref(false)

  const scopeName = computed(() => {
    const node = directory.selected.value
    if (!node) return t('homeSchool.wholeSchool')
    return node.type === 'noCampus' ? t('homeSchool.noCampus') : node.name
  })
  const slips = useAccountSlips()

  /** Why the account column and filter show nothing: offline, or the server refused (teachers, old servers). */
  const accountsNote = computed(() => {
    if (!directory.canManage.value) return null
    if (unavailableReason.value) return unavailableReason.value
    return accounts.failure ? t(`homeSchool.admin.${accounts.failure}`, { reason: '' }) : null
  })

  function openImport(type: 'classes' | 'students'): void {
    importType.value = type
    importVisible.value = true
  }

  return {
    ...directory,
    slips: slips.slips,
    slipsLoading: slips.loading,
    openSlips: slips.open,
    closeSlips: slips.close,
    printSlips: slips.print,
    view,
    scopeName,
    teachersVisible,
    importType,
    importVisible,
    openImport,
    accountsNote,
    adminAvailable: computed(() => accounts.available),
  }
}
