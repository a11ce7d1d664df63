import { computed } from 'vue'
import { usePendingComments } from '../../features/site/use-pending-comments.ts'
import type { MenuBadge } from '../router.ts'

/** The side menu's counts by badge name (route meta `badge`), live. */
export function useMenuBadges() {
  const pendingComments = usePendingComments()
  return computed<Record<MenuBadge, number>>(() => ({ 'site-comments': pendingComments.value.total }))
}
