import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { useBlobCache } from './use-blob-cache.ts'

/** Saves a blob under its name (from this PC, else downloaded first); says so when it cannot be had. */
export function useBlobDownload() {
  const cache = useBlobCache()
  const { t } = useI18n()

  async function download(blob: BlobRef): Promise<void> {
    const url = await cache.objectUrl(blob.sha256)
    if (!url) {
      ElMessage.warning(t('blobs.fileMissing', { name: blob.name }))
      return
    }
    const link = document.createElement('a')
    link.href = url
    link.download = blob.name
    link.click()
  }

  return { download }
}
