import { useI18n } from 'vue-i18n'
import type { Booking, Clash } from '../../../../domain/timetable/conflicts.ts'
import type { References } from './use-references.ts'

type NamedBooking = Booking & { subjectId: string }

/** A clash in the UI language, naming the other lesson: "The teacher is busy: 数学 of 初一(1)班 …". */
export function useClashText(references: References) {
  const { t } = useI18n()

  return (clash: Clash<NamedBooking>): string => {
    const reasons = clash.reasons
      .map((reason) => t(`timetable.clash.${reason}`))
      .join(t('timetable.clash.and'))
    return t('timetable.clash.message', { reasons, ...references.namesOf(clash.other) })
  }
}
