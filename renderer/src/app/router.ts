import { Calendar, Location as LocationIcon, Reading } from '@element-plus/icons-vue'
import { markRaw, type Component } from 'vue'
import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router'
import { useAuthStore } from '../features/auth/store.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title and menu entry. */
    titleKey?: string
    icon?: Component
    /** Position in the side menu (lower first). */
    rank?: number
    /** Reachable without a session. */
    public?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../features/auth/login.vue'),
    meta: { titleKey: 'login.title', public: true },
  },
  {
    path: '/',
    component: () => import('./layout/main-layout.vue'),
    redirect: '/subjects',
    children: [
      {
        path: 'terms',
        name: 'terms',
        component: () => import('../features/terms/index.vue'),
        meta: { titleKey: 'menu.terms', icon: markRaw(Calendar), rank: 5 },
      },
      {
        path: 'subjects',
        name: 'subjects',
        component: () => import('../features/subjects/index.vue'),
        meta: { titleKey: 'menu.subjects', icon: markRaw(Reading), rank: 10 },
      },
      {
        path: 'locations',
        name: 'locations',
        component: () => import('../features/locations/index.vue'),
        meta: { titleKey: 'menu.locations', icon: markRaw(LocationIcon), rank: 20 },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

/** The pages of the side menu, in rank order. */
export function menuRoutes(router: Router) {
  return router
    .getRoutes()
    .filter((route) => route.meta.titleKey && route.meta.icon && !route.meta.public)
    .sort((a, b) => (a.meta.rank ?? 0) - (b.meta.rank ?? 0))
}

export function createAppRouter(): Router {
  // Hash history: the same build runs from app://campus-desk/ and from http://<server>/app/.
  const router = createRouter({ history: createWebHashHistory(), routes })
  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    const loggedIn = auth.isLoggedIn || (await auth.restore())
    if (to.meta.public) return loggedIn && to.name === 'login' ? '/' : true
    return loggedIn ? true : { name: 'login', query: { redirect: to.fullPath } }
  })
  return router
}
