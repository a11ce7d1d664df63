import type { BlobCache } from '../../db/index.ts'
import { useAuthStore } from '../../features/auth/store.ts'

/** The current session's blob cache; screens that show blobs only exist while someone is logged in. */
export function useBlobCache(): BlobCache {
  const session = useAuthStore().session
  if (!session) throw new Error('useBlobCache() needs a logged-in session')
  return session.blobs
}
