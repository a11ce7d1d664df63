import { isAdmin, isStaff } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

/** SITE-2: a type of micro-site article (新闻, 通知公告, …); the public home lists the enabled ones by `order`. */
export interface ArticleType extends BaseDocument {
  kind: 'article_type'
  name: string
  enabled: boolean
  order: number
}

export const articleTypeKind: KindDefinition<ArticleType> = {
  kind: 'article_type',
  collection: 'catalog',
  schema: kindSchema(
    'article_type',
    {
      name: nonBlankString(40),
      enabled: { type: 'boolean' },
      order: { type: 'number' },
    },
    ['name', 'enabled', 'order'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change article types')),
  canRead: (user) => isStaff(user),
}
