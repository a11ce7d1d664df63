import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Question } from '../../../../domain/questions/types.ts'
import { questionIndex } from '../question-bank/question-index.ts'
import { useQuestionStore } from '../question-bank/store.ts'

const BRIEF_LENGTH = 30

/** The questions a definition refers to, by id, with their stems as plain text. */
export function useQuestionLookup() {
  const store = useQuestionStore()
  const { t } = useI18n()
  const byId = computed(() => new Map(store.items.map((question) => [question.id, question])))

  const find = (id: string): Question | undefined => byId.value.get(id)

  /** The stem as plain text; a question not (yet) on this PC says so instead. */
  function stemOf(id: string): string {
    const question = find(id)
    return question ? questionIndex.title(question) : t('homework.editor.missingQuestion')
  }

  /** The stem shortened for a message. */
  function briefOf(id: string): string {
    const stem = stemOf(id)
    return stem.length > BRIEF_LENGTH ? `${stem.slice(0, BRIEF_LENGTH)}…` : stem
  }

  return { find, stemOf, briefOf }
}
