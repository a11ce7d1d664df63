import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import type { EditorState } from '../../../../domain/questions/editor-state.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { reasonOf } from '../../ui/reason-of.ts'

/**
 * The attachments of the edited question: each file goes to the blob cache (uploaded when online) and is
 * attached once stored there; a file that cannot be stored is told by name, the others are still attached.
 */
export function useQuestionAttachments(state: Pick<EditorState, 'attachments'>) {
  const { t } = useI18n()
  const blobs = useBlobCache()

  async function addAttachments(files: readonly File[]): Promise<void> {
    for (const file of files) {
      try {
        state.attachments = [...state.attachments, await blobs.add(file, file.name)]
      } catch (error) {
        ElMessage.error(t('questionEditor.attachmentFailed', { name: file.name, reason: reasonOf(error) }))
      }
    }
  }

  function removeAttachment(attachment: BlobRef): void {
    state.attachments = state.attachments.filter((kept) => kept.sha256 !== attachment.sha256)
  }

  return { addAttachments, removeAttachment }
}
