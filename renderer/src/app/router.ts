import {
  Bell,
  Calendar,
  Clock,
  Collection,
  DataBoard,
  Film,
  FolderOpened,
  Notebook,
  Grid,
  HomeFilled,
  Location as LocationIcon,
  Monitor,
  OfficeBuilding,
  Reading,
  School,
  Sunny,
  Tickets,
  Top,
} from '@element-plus/icons-vue'
import { markRaw, type Component } from 'vue'
import {
  createRouter,
  createWebHashHistory,
  type RouteLocationNormalized,
  type RouteMeta,
  type RouteRecordNormalized,
  type RouteRecordRaw,
  type Router,
} from 'vue-router'
import type { Role } from '../../../domain/auth/roles.ts'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useAuthStore } from '../features/auth/store.ts'
import { i18n } from './i18n.ts'
import { reasonOf } from '../ui/reason-of.ts'

export type MenuGroup = 'mine' | 'teaching' | 'homework' | 'directory' | 'catalog'

/** The menu counts the layout knows how to compute (`app/layout/menu-badges.ts`). */
export type MenuBadge = 'site-comments'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title and menu entry. */
    titleKey?: string
    icon?: Component
    /** Position in the side menu (lower first). */
    rank?: number
    /** Reachable without a session. */
    public?: boolean
    /** Only users with one of these roles may open the page (and see it in the menu); others are refused. */
    roles?: Role[]
    /** The side menu's section (i18n key `menu.groups.<group>`); sections follow their first page's rank. */
    group?: MenuGroup
    /** A count the side menu shows beside the entry (e.g. comments waiting for moderation); 0 shows none. */
    badge?: MenuBadge
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
    redirect: '/home',
    children: [
      {
        path: 'home',
        name: 'home',
        component: () => import('../features/home/index.vue'),
        meta: { group: 'mine', titleKey: 'home.title', icon: markRaw(HomeFilled), rank: 0 },
      },
      {
        path: 'terms',
        name: 'terms',
        component: () => import('../features/terms/index.vue'),
        meta: { group: 'teaching', titleKey: 'menu.terms', icon: markRaw(Calendar), rank: 5 },
      },
      {
        path: 'my-timetable',
        name: 'my-timetable',
        component: () => import('../features/timetable/my-timetable.vue'),
        meta: {
          group: 'mine',
          titleKey: 'timetable.mine',
          icon: markRaw(Clock),
          rank: 1,
          roles: ['teacher'],
        },
      },
      {
        path: 'notices',
        name: 'notices',
        component: () => import('../features/notices/index.vue'),
        meta: {
          group: 'mine',
          titleKey: 'notices.title',
          icon: markRaw(Bell),
          rank: 2,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'notices/new',
        name: 'notice-new',
        component: () => import('../features/notices/compose.vue'),
        meta: { titleKey: 'notices.composeTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'notices/:id/edit',
        name: 'notice-edit',
        component: () => import('../features/notices/compose.vue'),
        meta: { titleKey: 'notices.editTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'site',
        name: 'site',
        component: () => import('../features/site/index.vue'),
        meta: {
          group: 'mine',
          titleKey: 'site.title',
          icon: markRaw(Monitor),
          rank: 3,
          roles: ['admin', 'teacher'],
          badge: 'site-comments',
        },
      },
      {
        path: 'site/articles/new',
        name: 'site-article-new',
        component: () => import('../features/site/article-editor.vue'),
        meta: { titleKey: 'site.editor.newTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'site/articles/:id/edit',
        name: 'site-article-edit',
        component: () => import('../features/site/article-editor.vue'),
        meta: { titleKey: 'site.editor.editTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'timetable/plan',
        name: 'plan',
        component: () => import('../features/timetable/plan.vue'),
        meta: {
          group: 'teaching',
          titleKey: 'plan.title',
          icon: markRaw(Grid),
          rank: 8,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'timetable/week',
        name: 'timetable',
        component: () => import('../features/timetable/week.vue'),
        meta: {
          group: 'teaching',
          titleKey: 'timetable.title',
          icon: markRaw(Tickets),
          rank: 9,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'timetable/overview',
        name: 'timetable-overview',
        component: () => import('../features/timetable/overview.vue'),
        meta: {
          group: 'teaching',
          titleKey: 'overview.title',
          icon: markRaw(DataBoard),
          rank: 9.5,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'courses',
        name: 'courses',
        component: () => import('../features/courses/index.vue'),
        meta: {
          group: 'teaching',
          titleKey: 'courses.title',
          icon: markRaw(Film),
          rank: 10,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'courses/library',
        name: 'course-library',
        component: () => import('../features/courses/library.vue'),
        meta: {
          group: 'teaching',
          titleKey: 'courses.libraryTitle',
          icon: markRaw(FolderOpened),
          rank: 11,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'courses/library/:schoolId/:id',
        name: 'course-library-viewer',
        component: () => import('../features/courses/library-viewer.vue'),
        meta: { titleKey: 'courses.viewerTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'courses/:id/chapters',
        name: 'course-chapters',
        component: () => import('../features/courses/chapters.vue'),
        meta: { titleKey: 'courses.chaptersTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'courses/:id/view',
        name: 'course-viewer',
        component: () => import('../features/courses/viewer.vue'),
        meta: { titleKey: 'courses.viewerTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'calendar',
        name: 'calendar',
        component: () => import('../features/calendar/index.vue'),
        meta: { group: 'teaching', titleKey: 'calendar.title', icon: markRaw(Sunny), rank: 7 },
      },
      {
        path: 'questions',
        name: 'questions',
        component: () => import('../features/question-bank/index.vue'),
        meta: {
          group: 'homework',
          titleKey: 'questionBank.title',
          icon: markRaw(Collection),
          rank: 15,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'questions/new/:type',
        name: 'question-new',
        component: () => import('../features/question-editor/index.vue'),
        meta: { titleKey: 'questionEditor.newTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'questions/:id/edit',
        name: 'question-edit',
        component: () => import('../features/question-editor/index.vue'),
        meta: { titleKey: 'questionEditor.editTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'homework/definitions',
        name: 'definitions',
        component: () => import('../features/homework/index.vue'),
        meta: {
          group: 'homework',
          titleKey: 'homework.title',
          icon: markRaw(Notebook),
          rank: 16,
          roles: ['admin', 'teacher'],
        },
      },
      {
        path: 'homework/definitions/:id',
        name: 'definition',
        component: () => import('../features/homework/definition.vue'),
        meta: { titleKey: 'homework.editorTitle', roles: ['admin', 'teacher'] },
      },
      {
        path: 'notices/:id',
        name: 'notice-detail',
        component: () => import('../features/notices/detail/index.vue'),
        meta: { titleKey: 'noticeDetail.title', roles: ['admin', 'teacher'] },
      },
      {
        path: 'staff-directory',
        name: 'staff-directory',
        component: () => import('../features/staff-directory/index.vue'),
        meta: {
          group: 'directory',
          titleKey: 'staffDirectory.title',
          icon: markRaw(OfficeBuilding),
          rank: 20,
        },
      },
      {
        path: 'home-school',
        name: 'home-school',
        component: () => import('../features/home-school/index.vue'),
        meta: { group: 'directory', titleKey: 'homeSchool.title', icon: markRaw(School), rank: 21 },
      },
      {
        path: 'promotion',
        name: 'promotion',
        component: () => import('../features/promotion/index.vue'),
        meta: {
          group: 'directory',
          titleKey: 'promotion.title',
          icon: markRaw(Top),
          rank: 23,
          roles: ['admin'],
        },
      },
      {
        path: 'subjects',
        name: 'subjects',
        component: () => import('../features/subjects/index.vue'),
        meta: { group: 'catalog', titleKey: 'menu.subjects', icon: markRaw(Reading), rank: 10 },
      },
      {
        path: 'locations',
        name: 'locations',
        component: () => import('../features/locations/index.vue'),
        meta: { group: 'catalog', titleKey: 'menu.locations', icon: markRaw(LocationIcon), rank: 20 },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

/** The sections of the side menu, each with its pages in rank order. */
export function menuSections(router: Router, roles: readonly Role[]) {
  const sections = new Map<MenuGroup, RouteRecordNormalized[]>()
  for (const route of menuRoutes(router, roles)) {
    const group = route.meta.group ?? 'catalog'
    sections.set(group, [...(sections.get(group) ?? []), route])
  }
  return [...sections].map(([group, items]) => ({ group, items }))
}

/** Whether a user with `roles` may open a route (a route without `roles` is for every signed-in user). */
export function mayOpen(route: { meta: RouteMeta }, roles: readonly Role[]): boolean {
  const wanted = route.meta.roles
  return !wanted || wanted.some((role) => roles.includes(role))
}

/** The pages of the side menu for a user with `roles`, in rank order. */
export function menuRoutes(router: Router, roles: readonly Role[]) {
  return router
    .getRoutes()
    .filter((route) => route.meta.titleKey && route.meta.icon && !route.meta.public && mayOpen(route, roles))
    .sort((a, b) => (a.meta.rank ?? 0) - (b.meta.rank ?? 0))
}

export type Admission = 'open' | 'home' | 'log-in' | 'not-for-role'

/** Where a navigation to `to` goes: public pages, the login page for visitors, role-restricted pages. */
export function admission(
  to: Pick<RouteLocationNormalized, 'meta' | 'matched'> & { name?: RouteLocationNormalized['name'] | null },
  user: { roles: readonly Role[] } | null,
): Admission {
  if (to.meta.public) return user && to.name === 'login' ? 'home' : 'open'
  if (!user) return 'log-in'
  return to.matched.every((route) => mayOpen(route, user.roles)) ? 'open' : 'not-for-role'
}

/**
 * Starts loading the lazy components of `matched` now. The router loads them only once every guard has passed,
 * and at start-up the guard waits for the saved session's replica to open: loaded alongside it, the first screen
 * does not wait for its code after the replica. `import()` keeps the module, so the router's own load reuses it;
 * a failure is the router's to report when it loads the component itself.
 */
export function preloadComponents(matched: readonly Pick<RouteRecordNormalized, 'components'>[]): void {
  for (const record of matched) {
    for (const component of Object.values(record.components ?? {})) {
      if (typeof component === 'function') void (component as () => Promise<unknown>)().catch(() => undefined)
    }
  }
}

export function createAppRouter(): Router {
  // Hash history: the same build runs from app://campus-desk/ and from http://<server>/app/.
  const router = createRouter({ history: createWebHashHistory(), routes })
  router.beforeEach(async (to, from) => {
    const auth = useAuthStore()
    if (!auth.isLoggedIn) preloadComponents(to.matched)
    const loggedIn = auth.isLoggedIn || (await auth.restore())
    switch (admission(to, loggedIn ? auth.user : null)) {
      case 'open':
        return true
      case 'home':
        return '/'
      case 'log-in':
        return { name: 'login', query: { redirect: to.fullPath } }
      case 'not-for-role':
        ElMessage.warning({
          message: i18n.global.t('router.notForRole', { page: i18n.global.t(to.meta.titleKey ?? '') }),
          grouping: true,
        })
        // Stay where the user is; a typed address or a bookmark with nothing before it goes home.
        return from.matched.length > 0 ? false : '/'
    }
  })
  router.onError((error, to) => void offerRetry(error, to))
  return router
}

/**
 * A screen whose code could not load (the server unreachable before this PC kept the app, a build replaced
 * under an open window) says so and offers to try again: a fresh load of that screen, since a browser does not
 * fetch a module again after it failed once.
 */
async function offerRetry(error: unknown, to: RouteLocationNormalized): Promise<void> {
  const { t } = i18n.global
  const retry = await ElMessageBox.confirm(
    t('router.loadFailed', { page: t(to.meta.titleKey ?? 'app.name'), reason: reasonOf(error) }),
    {
      title: t('router.loadFailedTitle'),
      type: 'error',
      confirmButtonText: t('router.retry'),
      cancelButtonText: t('common.cancel'),
    },
  ).then(
    () => true,
    () => false,
  )
  if (!retry) return
  location.hash = to.fullPath
  location.reload()
}
