import {
  Calendar,
  Clock,
  Collection,
  Notebook,
  Grid,
  Location as LocationIcon,
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
  type RouteRecordNormalized,
  type RouteRecordRaw,
  type Router,
} from 'vue-router'
import type { Role } from '../../../domain/auth/roles.ts'
import { useAuthStore } from '../features/auth/store.ts'

export type MenuGroup = 'mine' | 'teaching' | 'homework' | 'directory' | 'catalog'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title and menu entry. */
    titleKey?: string
    icon?: Component
    /** Position in the side menu (lower first). */
    rank?: number
    /** Reachable without a session. */
    public?: boolean
    /** In the menu only for users with one of these roles (the page itself checks nothing more). */
    roles?: Role[]
    /** The side menu's section (i18n key `menu.groups.<group>`); sections follow their first page's rank. */
    group?: MenuGroup
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

/** The pages of the side menu for a user with `roles`, in rank order. */
export function menuRoutes(router: Router, roles: readonly Role[]) {
  const forUser = (wanted?: Role[]) => !wanted || wanted.some((role) => roles.includes(role))
  return router
    .getRoutes()
    .filter(
      (route) => route.meta.titleKey && route.meta.icon && !route.meta.public && forUser(route.meta.roles),
    )
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
