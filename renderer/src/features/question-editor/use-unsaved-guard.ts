import { ElMessageBox } from 'element-plus'
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { onBeforeRouteLeave } from 'vue-router'

/** Asks before leaving the page with unsaved changes, and saves on Ctrl+S (⌘S). */
export function useUnsavedGuard(dirty: Ref<boolean>, save: () => void) {
  const { t } = useI18n()

  onBeforeRouteLeave(async () => {
    if (!dirty.value) return true
    return ElMessageBox.confirm(t('questionEditor.discardConfirm'), {
      title: t('questionEditor.discardTitle'),
      type: 'warning',
      confirmButtonText: t('questionEditor.discard'),
      cancelButtonText: t('questionEditor.keepEditing'),
    }).then(
      () => true,
      () => false,
    )
  })

  function onKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      save()
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
