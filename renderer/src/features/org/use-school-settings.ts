import { computed } from 'vue'
import { SCHOOL_SETTINGS_ID, type SchoolSettings } from '../../../../domain/org/school-settings.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useSchoolSettingsStore } from './stores.ts'

/** The school's settings document, or the defaults while it does not exist (nothing shown to families). */
const DEFAULTS: Pick<SchoolSettings, 'id' | 'kind' | 'showStaffPhonesToFamilies'> = {
  id: SCHOOL_SETTINGS_ID,
  kind: 'school_settings',
  showStaffPhonesToFamilies: false,
}

/** Whether guardians and students see their teachers' phone numbers (issue 11 §5): admins change it. */
export function useStaffPhonesToFamilies() {
  const store = useSchoolSettingsStore()
  const { succeeded } = useWriteFeedback()
  const current = computed(() => store.items.find((doc) => doc.id === SCHOOL_SETTINGS_ID))
  const canChange = computed(() => store.canCreate)

  const shown = computed({
    get: () => current.value?.showStaffPhonesToFamilies ?? false,
    set: (showStaffPhonesToFamilies: boolean) => {
      void succeeded(() => store.bulkPut([{ ...DEFAULTS, ...current.value, showStaffPhonesToFamilies }]))
    },
  })
  return { shown, canChange }
}
