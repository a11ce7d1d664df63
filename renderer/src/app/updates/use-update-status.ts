import { ElMessage } from 'element-plus'
import { computed, onMounted, onUnmounted, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { reasonOf } from '../../ui/reason-of.ts'
import { desktop, isDesktop, type UpdateState } from '../desktop.ts'
import { updateView } from './update-view.ts'

/**
 * The desktop updater's state, live (DESIGN §9), for the user menu: what to show and the action it offers. Web mode
 * has no updater (its new builds are offered by the service worker's prompt), so `available` is false there.
 */
export function useUpdateStatus() {
  const { t } = useI18n()
  const state = shallowRef<UpdateState>({ state: 'idle' })
  const view = computed(() => updateView(state.value))
  const label = computed(() => t(view.value.messageKey, view.value.params))
  let stopListening: () => void = () => undefined

  onMounted(() => {
    if (!isDesktop) return
    stopListening = desktop.updates.onStatus((next) => (state.value = next))
    void desktop.updates.status().then((current) => (state.value = current))
  })
  onUnmounted(() => stopListening())

  async function runAction(): Promise<void> {
    try {
      if (view.value.action === 'check') state.value = await desktop.updates.check()
      else if (view.value.action === 'install') await desktop.updates.install()
    } catch (error) {
      ElMessage.error(t('updates.failed', { reason: reasonOf(error) }))
    }
  }

  return { available: isDesktop, view, label, runAction }
}
