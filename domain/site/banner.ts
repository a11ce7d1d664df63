import { isAdmin, isStaff } from '../auth/roles.ts'
import { blobRefSchema, type BlobRef } from '../blobs/blob-ref.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

/** SITE-1: a banner (展示位 / 橱窗) of the public home: listed ones are shown by `order`. */
export interface Banner extends BaseDocument {
  kind: 'banner'
  name: string
  /** Where a tap on it leads (http or https). */
  link?: string
  image: BlobRef
  listed: boolean
  order: number
}

/** An http(s) address with no spaces: what a banner may link to. */
export const HTTP_URL_PATTERN = '^https?://[^\\s]+$'

export const bannerKind: KindDefinition<Banner> = {
  kind: 'banner',
  collection: 'site',
  schema: kindSchema(
    'banner',
    {
      name: nonBlankString(60),
      link: { type: 'string', pattern: HTTP_URL_PATTERN, maxLength: 2000 },
      image: blobRefSchema,
      listed: { type: 'boolean' },
      order: { type: 'number' },
    },
    ['name', 'image', 'listed', 'order'],
  ),
  check: (banner) =>
    banner.image.mime.startsWith('image/') ? [] : ['the image of a banner must be an image'],
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change banners')),
  canRead: (user) => isStaff(user),
}
