import { defineStore } from 'pinia'
import type { Observable } from 'rxjs'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { BaseDocument } from '../../../domain/documents.ts'
import type { PermissionResult } from '../../../domain/kinds.ts'
import { creationProbe } from '../../../domain/permissions.ts'
import {
  createRepository,
  type BulkDocument,
  type Changes,
  type Draft,
  type ProgressListener,
  type Repository,
} from '../db/index.ts'
import { useAuthStore } from '../features/auth/store.ts'
import { markStart } from './start-marks.ts'

const NOT_LOGGED_IN: PermissionResult = { ok: false, reason: 'not logged in' }

/** The repository of `kind` in the signed-in user's replica; null while nobody is signed in. */
export function useRepository<T extends BaseDocument>(kind: T['kind']) {
  const auth = useAuthStore()
  return computed<Repository<T> | null>(() => {
    const session = auth.session
    return session ? createRepository<T>(session.database, kind, session.user) : null
  })
}

/**
 * What `read` reads through `repository`, live; empty and not loaded while nobody is signed in. While `paused`
 * the list stays as it was and the query is not followed (a bulk write: one new list when it ends instead of
 * one per chunk, each a query over every document written so far). The first load of each page load sets the
 * start mark `startMark` (see start-marks.ts).
 */
export function useLiveDocuments<T extends BaseDocument>(
  repository: Ref<Repository<T> | null>,
  read: (repository: Repository<T>) => Observable<T[]>,
  startMark: string,
  paused: Ref<boolean> = ref(false),
) {
  const items = shallowRef<T[]>([])
  const loaded = ref(false)
  watch(
    repository,
    () => {
      items.value = []
      loaded.value = false
    },
    { immediate: true },
  )
  watch(
    [repository, paused],
    ([current, isPaused], _previous, onCleanup) => {
      if (!current || isPaused) return
      const subscription = read(current).subscribe((docs) => {
        items.value = docs
        loaded.value = true
        markStart(startMark)
      })
      onCleanup(() => subscription.unsubscribe())
    },
    { immediate: true },
  )
  return { items, loaded }
}

/**
 * A Pinia setup store over the documents of one kind: a live list read from the local replica (it follows
 * local writes and replicated changes alike) and the repository's gated writes. Feature stores are one line:
 * `export const useSubjectStore = defineKindStore<Subject>('subjects', 'subject')`.
 */
export function defineKindStore<T extends BaseDocument>(id: string, kind: T['kind']) {
  return defineStore(id, () => {
    const auth = useAuthStore()
    const repository = useRepository<T>(kind)
    const bulkWrites = ref(0)
    const { items, loaded } = useLiveDocuments(
      repository,
      (current) => current.all$(),
      `store:${id}`,
      computed(() => bulkWrites.value > 0),
    )

    /** Runs a bulk write with the live list held until it ends. */
    async function inBulk(write: () => Promise<void>): Promise<void> {
      bulkWrites.value += 1
      try {
        await write()
      } finally {
        bulkWrites.value -= 1
      }
    }

    function writable(): Repository<T> {
      if (!repository.value) throw new Error('not logged in')
      return repository.value
    }

    function permission(next: T, stored: T | null): PermissionResult {
      return repository.value?.permission(next, stored) ?? NOT_LOGGED_IN
    }

    /** May the user create documents of this kind at all? (The full check runs again on save.) */
    const canCreate = computed(() => {
      const user = auth.user
      if (!user) return false
      return permission(creationProbe(user, kind) as T, null).ok
    })

    return {
      items,
      loaded,
      canCreate,
      permission,
      insert: (draft: Draft<T>) => writable().insert(draft),
      patch: (docId: string, changes: Changes<T>) => writable().patch(docId, changes),
      remove: (docId: string) => writable().remove(docId),
      bulkPut: (docs: readonly BulkDocument<T>[], onProgress?: ProgressListener) =>
        inBulk(() => writable().bulkPut(docs, onProgress)),
      bulkRemove: (ids: readonly string[], onProgress?: ProgressListener) =>
        inBulk(() => writable().bulkRemove(ids, onProgress)),
    }
  })
}

export type KindStore<T extends BaseDocument> = ReturnType<ReturnType<typeof defineKindStore<T>>>
