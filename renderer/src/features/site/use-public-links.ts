import { ElMessage } from 'element-plus'
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { desktop } from '../../app/desktop.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import { useSiteAddressStore } from './site-address-store.ts'
import { articleLink } from './site-links.ts'

/**
 * The public addresses of the school's micro-site (DESIGN §7.2) and the actions on them: copy to the clipboard,
 * open in the user's browser (`desktop.openExternal`: the main process's allow-list in the desktop app, a new
 * tab in web mode). The server says where the site is (`useSiteAddressStore`); remembered, so they work offline.
 */
export function usePublicLinks() {
  const { t } = useI18n()
  const address = useSiteAddressStore()
  const home = computed(() => address.home)

  const ofArticle = (articleId: string): string | null =>
    home.value === null ? null : articleLink(home.value, articleId)

  async function copy(url: string | null): Promise<void> {
    if (!url) return
    try {
      await navigator.clipboard.writeText(url)
      ElMessage.success({ message: t('site.links.copied', { url }), grouping: true })
    } catch (error) {
      ElMessage.error(t('site.links.copyFailed', { url, reason: reasonOf(error) }))
    }
  }

  async function open(url: string | null): Promise<void> {
    if (!url) return
    try {
      await desktop.openExternal(url)
    } catch (error) {
      ElMessage.error(t('site.links.openFailed', { url, reason: reasonOf(error) }))
    }
  }

  return { home, ofArticle, copy, open }
}
