import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'

/** Asks before deleting: a warning box with a red Delete button; resolves with the user's answer. */
export function useConfirmDelete() {
  const { t } = useI18n()

  return (message: string, title: string = t('common.confirmDeleteTitle')): Promise<boolean> =>
    ElMessageBox.confirm(message, {
      title,
      type: 'warning',
      confirmButtonText: t('common.delete'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
    }).then(
      () => true,
      () => false,
    )
}
