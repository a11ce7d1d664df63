import { useRoute, useRouter } from 'vue-router'

/** Where a successful login goes: back to the page that asked for it (`?redirect=`), else home. */
export function useAfterLogin(): () => Promise<void> {
  const router = useRouter()
  const route = useRoute()
  return async () => {
    const target = typeof route.query.redirect === 'string' ? route.query.redirect : '/'
    await router.replace(target)
  }
}
