import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, type KindDefinition } from '../kinds.ts'

/** The one settings document of each school has this id. */
export const SCHOOL_SETTINGS_ID = 'school-settings'

/** Choices an admin makes for the whole school, replicated like the address book. */
export interface SchoolSettings extends BaseDocument {
  kind: 'school_settings'
  /**
   * Guardians and students see the phone numbers of their classes' teachers. Off by default (and while no
   * settings document exists): a school opts in (issue 11 §5).
   */
  showStaffPhonesToFamilies: boolean
}

export const schoolSettingsKind: KindDefinition<SchoolSettings> = {
  kind: 'school_settings',
  collection: 'org',
  schema: kindSchema('school_settings', { showStaffPhonesToFamilies: { type: 'boolean' } }, [
    'showStaffPhonesToFamilies',
  ]),
  check: (doc) =>
    doc.id === SCHOOL_SETTINGS_ID ? [] : [`the school's settings have the id ${SCHOOL_SETTINGS_ID}`],
  canWrite: (user) => (isAdmin(user) ? allowed : denied("only admins may change the school's settings")),
  canRead: () => true,
}
