import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { SITE_SETTINGS_ID } from '../../../../domain/site/site-settings.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useSiteSettingsStore } from './store.ts'

/**
 * The school's logo on the public pages, kept in the site settings document (created with the first logo):
 * setting, replacing or removing it is one local write that reaches the site when the PC is online.
 */
export function useSiteLogo() {
  const store = useSiteSettingsStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const current = computed(() => store.items.find((doc) => doc.id === SITE_SETTINGS_ID))

  const logo = computed({
    get: () => current.value?.logo,
    set: (logo: BlobRef | undefined) => {
      const settings = { ...current.value, id: SITE_SETTINGS_ID, kind: 'site_settings' as const, logo }
      void run(() => store.bulkPut([settings]), t('common.saved'))
    },
  })
  return { logo }
}
