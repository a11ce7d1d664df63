import { computed, reactive, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { optionLabel } from '../../../../domain/questions/rules.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import { shuffled } from './preview-order.ts'

/** What the previewing teacher enters as if they were the student (kept on screen only, never saved). */
interface TrialAnswers {
  /** The choice of a single choice or true/false question. */
  single: string
  multiple: string[]
  matching: Record<string, string>
  blanks: string[]
  text: string
}

function emptyAnswers(): TrialAnswers {
  return { single: '', multiple: [], matching: {}, blanks: [], text: '' }
}

/** A choice as the student sees it: lettered for a choice question, "True" / "False" for a true/false one. */
export interface PreviewChoice {
  id: string
  label?: string
  text: string
  correct: boolean
}

/**
 * A question as a student gets it: options labelled A, B, …; ordering items and the right column of a matching
 * question shuffled (the same way every time for the same question); one input per blank. And the answers, for
 * the teacher who asks to see them.
 */
export function useQuestionPreview(question: () => Question) {
  const { t } = useI18n()
  const trial = reactive<TrialAnswers>(emptyAnswers())
  watch(
    () => question().id,
    () => Object.assign(trial, emptyAnswers()),
  )

  const choices = computed<PreviewChoice[]>(() => {
    const current = question()
    if (current.type === 'true_false')
      return [true, false].map((value) => ({
        id: String(value),
        text: t(`questionBank.preview.${value}`),
        correct: value === current.answer,
      }))
    return (current.options ?? []).map(({ id, text, correct }, index) => ({
      id,
      label: optionLabel(index),
      text,
      correct,
    }))
  })
  const shuffledItems = computed(() => shuffled(question().items ?? [], question().id))
  const rightChoices = computed(() =>
    shuffled([...new Set((question().pairs ?? []).map((pair) => pair.right))], `${question().id}:right`),
  )
  const blanks = computed(() =>
    (question().blanks ?? []).map((blank, index) => ({
      id: blank.id,
      number: index + 1,
      answers: blank.answers.join(t('questionBank.preview.listSeparator')),
    })),
  )
  return { trial, choices, shuffledItems, rightChoices, blanks }
}
