import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { admission, menuRoutes, preloadComponents, routes } from './router.ts'

const router = createRouter({ history: createMemoryHistory(), routes })
const ADMIN = { roles: ['admin' as const] }
const TEACHER = { roles: ['teacher' as const] }

describe('admission', () => {
  it('refuses a page to a role it is not for, even when typed as an address', () => {
    expect(admission(router.resolve('/promotion'), TEACHER)).toBe('not-for-role')
    expect(admission(router.resolve('/promotion'), ADMIN)).toBe('open')
    expect(admission(router.resolve('/questions/new/single'), { roles: ['guardian'] })).toBe('not-for-role')
  })

  it('opens pages without roles to every signed-in user and sends visitors to log in', () => {
    expect(admission(router.resolve('/subjects'), TEACHER)).toBe('open')
    expect(admission(router.resolve('/subjects'), null)).toBe('log-in')
    expect(admission(router.resolve('/login'), null)).toBe('open')
    expect(admission(router.resolve('/login'), TEACHER)).toBe('home')
  })

  it('shows in the menu exactly the pages a role may open', () => {
    for (const user of [ADMIN, TEACHER]) {
      for (const route of menuRoutes(router, user.roles)) {
        expect(admission(router.resolve({ name: route.name ?? '' }), user)).toBe('open')
      }
    }
    expect(menuRoutes(router, TEACHER.roles).map((route) => route.name)).not.toContain('promotion')
  })

  it('lands on the home page, the first entry of the menu for every role', () => {
    const landing = router.resolve('/').matched[0]?.redirect
    expect(typeof landing === 'string' && router.resolve(landing).name).toBe('home')
    for (const user of [ADMIN, TEACHER]) expect(menuRoutes(router, user.roles)[0]?.name).toBe('home')
  })
})

describe('preloadComponents', () => {
  it('starts loading every lazy component of the matched routes, and leaves loading failures to the router', async () => {
    const layout = vi.fn(() => Promise.resolve({}))
    const home = vi.fn(() => Promise.reject(new Error('offline')))
    const loaded = { name: 'already-loaded' }
    preloadComponents([{ components: { default: layout } }, { components: { default: home, aside: loaded } }])
    await Promise.resolve()
    expect(layout).toHaveBeenCalledOnce()
    expect(home).toHaveBeenCalledOnce()
  })

  it('covers the home screen: its layout and its page', () => {
    const matched = router.resolve('/home').matched
    expect(matched.map((record) => record.name ?? record.path)).toEqual(['/', 'home'])
    expect(matched.every((record) => typeof record.components?.default === 'function')).toBe(true)
  })
})
