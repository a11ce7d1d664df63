import { isAdmin, isStaff } from '../auth/roles.ts'
import { blobRefSchema, type BlobRef } from '../blobs/blob-ref.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, type KindDefinition } from '../kinds.ts'

/** The one site settings document of each school has this id. */
export const SITE_SETTINGS_ID = 'site-settings'

/**
 * How the school's public site presents itself: its logo, shown beside the school's name in the page header.
 * Absent (the document or the field): the header shows the name alone.
 */
export interface SiteSettings extends BaseDocument {
  kind: 'site_settings'
  logo?: BlobRef
}

export const siteSettingsKind: KindDefinition<SiteSettings> = {
  kind: 'site_settings',
  collection: 'site',
  schema: kindSchema('site_settings', { logo: blobRefSchema }, []),
  check: (doc) => [
    ...(doc.id === SITE_SETTINGS_ID ? [] : [`the site's settings have the id ${SITE_SETTINGS_ID}`]),
    ...(doc.logo && !doc.logo.mime.startsWith('image/') ? ['the logo of the site must be an image'] : []),
  ],
  canWrite: (user) => (isAdmin(user) ? allowed : denied("only admins may change the site's settings")),
  canRead: (user) => isStaff(user),
}
