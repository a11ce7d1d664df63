import { ElMessage } from 'element-plus'
import { onMounted, onUnmounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { desktop } from '../desktop.ts'
import { deepLinkOutcome } from './app-link.ts'

/**
 * Follows the `campusdesk://` links that open or focus the desktop app, including the one that launched it (the
 * preload keeps it for the first listener). The router's guard sends a signed-out user to the login page first
 * and on to the link's page afterwards. Web mode receives no links.
 */
export function useDeepLinks(): void {
  const router = useRouter()
  const { t } = useI18n()
  let stopListening: () => void = () => undefined

  function follow(link: string): void {
    const outcome = deepLinkOutcome(link)
    if ('go' in outcome) void router.push(outcome.go)
    else ElMessage.warning({ message: t(outcome.messageKey, outcome.params), grouping: true })
  }

  onMounted(() => (stopListening = desktop.onDeepLink(follow)))
  onUnmounted(() => stopListening())
}
