import { ElMessage } from 'element-plus'
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { newId } from '../../../../domain/documents.ts'
import { firstVersion, replacingPatch, type EditedFields } from '../../../../domain/questions/editing.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import { useAuthStore } from '../auth/store.ts'
import { useQuestionStore } from '../question-bank/store.ts'
import { reasonOf } from '../../ui/reason-of.ts'

/**
 * Writes the edited question: the first save inserts version 1 (its own lineage), later saves patch the
 * draft. A refusal is kept in `refusal` (and told at once); the editor keeps everything typed.
 */
export function useQuestionSave(stored: Ref<Question | null>) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const questions = useQuestionStore()
  const saving = ref(false)
  const refusal = ref('')

  async function insert(fields: EditedFields, status: Question['status']): Promise<Question> {
    const user = auth.user
    if (!user) throw new Error('not logged in')
    const now = Date.now()
    const created = firstVersion(fields, { id: newId(), authorId: user.id, status, now })
    await questions.bulkPut([created])
    return { ...created, schoolId: user.schoolId, updatedAt: now }
  }

  async function write(fields: EditedFields, status: Question['status']): Promise<boolean> {
    saving.value = true
    refusal.value = ''
    try {
      const current = stored.value
      stored.value = current
        ? await questions.patch(current.id, { ...replacingPatch(fields), status })
        : await insert(fields, status)
      return true
    } catch (error) {
      refusal.value = reasonOf(error)
      ElMessage.error({ message: t('common.refused', { reason: refusal.value }), grouping: true })
      return false
    } finally {
      saving.value = false
    }
  }

  return { saving, refusal, write }
}
