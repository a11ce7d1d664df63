import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  QUESTION_STATUSES,
  QUESTION_TYPES,
  type QuestionStatus,
  type QuestionType,
} from '../../../../domain/questions/types.ts'
import { useStaffStore } from '../org/stores.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { useQuestionStore } from './store.ts'

export interface Choice<V extends string = string> {
  value: V
  label: string
}

const NONE = '—'

/** Names and labels the question screens show: subjects, authors (staff), types and statuses. */
export function useQuestionLookups() {
  const { t, locale } = useI18n()
  const subjects = useSubjectStore()
  const staff = useStaffStore()
  const questions = useQuestionStore()

  const subjectNames = computed(() => new Map(subjects.items.map((subject) => [subject.id, subject.name])))
  const staffNames = computed(() => new Map(staff.items.map((member) => [member.id, member.name])))

  const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, locale.value, { numeric: true })

  const subjectChoices = computed<Choice[]>(() =>
    subjects.items.map((subject) => ({ value: subject.id, label: subject.name })).sort(byLabel),
  )

  // Only people who wrote a question: the school's whole staff would bury them.
  const authorChoices = computed<Choice[]>(() => {
    const ids = new Set(questions.items.map((question) => question.authorId))
    return [...ids].map((id) => ({ value: id, label: staffNames.value.get(id) ?? id })).sort(byLabel)
  })

  const typeLabel = (type: QuestionType) => t(`questionBank.types.${type}`)
  const statusLabel = (status: QuestionStatus) => t(`questionBank.status.${status}`)
  const typeChoices = computed<Choice<QuestionType>[]>(() =>
    QUESTION_TYPES.map((type) => ({ value: type, label: typeLabel(type) })),
  )
  const statusChoices = computed<Choice<QuestionStatus>[]>(() =>
    QUESTION_STATUSES.map((status) => ({ value: status, label: statusLabel(status) })),
  )

  return {
    subjectName: (id: string) => subjectNames.value.get(id) ?? NONE,
    authorName: (id: string) => staffNames.value.get(id) ?? NONE,
    typeLabel,
    statusLabel,
    subjectChoices,
    authorChoices,
    typeChoices,
    statusChoices,
  }
}
