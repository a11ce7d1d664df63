import { BehaviorSubject } from 'rxjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick, reactive, ref, shallowRef } from 'vue'
import { mountComposable } from '../../app/testing/mount-composable.ts'
import { useTermAvailability } from './use-term-availability.ts'

const fakes = vi.hoisted(() => ({
  auth: { session: null as unknown },
  sync: { status: { online: true } },
}))
vi.mock('../auth/store.ts', () => ({ useAuthStore: () => fakes.auth }))
vi.mock('../sync/store.ts', () => ({ useSyncStore: () => fakes.sync }))

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  unmount = undefined
})

function setUp(termId: string, online = true) {
  const termWindow = {
    window$: new BehaviorSubject(['next', 'now']),
    held$: new BehaviorSubject<string | undefined>('terms=next,now'),
    open: vi.fn(),
  }
  fakes.auth = reactive({ session: shallowRef({ engine: { termWindow } }) })
  fakes.sync = reactive({ status: { online } })
  const selected = ref(termId)
  const mounted = mountComposable(() => useTermAvailability(selected), [])
  unmount = mounted.unmount
  return { termWindow, selected, availability: mounted.result }
}

describe('useTermAvailability', () => {
  it('says a term of the window the replica holds is here, and asks for nothing', () => {
    const { termWindow, availability } = setUp('now')
    expect(availability.value).toBe('here')
    expect(termWindow.open).not.toHaveBeenCalled()
  })

  it('brings an older term in while online, and says it is here once the replica holds it', async () => {
    const { termWindow, selected, availability } = setUp('now')
    selected.value = 'old'
    await nextTick()
    expect(termWindow.open).toHaveBeenCalledWith('old')
    expect(availability.value).toBe('fetching')
    termWindow.held$.next('terms=next,now,old')
    await nextTick()
    expect(availability.value).toBe('here')
  })

  it('says offline that the term is not on this PC, and asks again once online', async () => {
    const { termWindow, availability } = setUp('old', false)
    expect(availability.value).toBe('notOnThisPc')
    expect(termWindow.open).not.toHaveBeenCalled()
    fakes.sync.status.online = true
    await nextTick()
    expect(termWindow.open).toHaveBeenCalledWith('old')
    expect(availability.value).toBe('fetching')
  })

  it('says here when the replica has no window (every lesson is pulled)', () => {
    fakes.auth = reactive({ session: null })
    const mounted = mountComposable(() => useTermAvailability(ref('old')), [])
    unmount = mounted.unmount
    expect(mounted.result.value).toBe('here')
  })
})
