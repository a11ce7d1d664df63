import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import type { SharedCourse, SharedCourses } from '../../../../domain/courses/courses-wire.ts'
import { isNetworkError } from '../../db/index.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import { useAuthStore } from '../auth/store.ts'

/** Why the library is not shown: no network, or what the server answered. */
export type LibraryProblem = { kind: 'offline' } | { kind: 'failed'; reason: string }

const sharedPath = (shared: Pick<SharedCourse, 'schoolId' | 'course'>) =>
  `/api/courses/shared/${encodeURIComponent(shared.schoolId)}/${encodeURIComponent(shared.course.id)}`

/**
 * CRS-4/CRS-5 the course library: the courses other schools share with this school or make public, read online
 * from `GET /api/courses/shared` (other schools' courses never replicate to this PC), and their files from the
 * shared blob route, kept for the session.
 */
export const useCourseLibraryStore = defineStore('courseLibrary', () => {
  const auth = useAuthStore()
  const courses = shallowRef<SharedCourse[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const problem = ref<LibraryProblem | null>(null)
  const files = new Map<string, Promise<Blob | null>>()
  const covers = new Map<string, Promise<string | null>>()

  function forget(): void {
    courses.value = []
    loaded.value = false
    problem.value = null
    files.clear()
    for (const url of covers.values()) void url.then((made) => made && URL.revokeObjectURL(made))
    covers.clear()
  }
  watch(() => auth.session, forget)

  async function load(): Promise<void> {
    const api = auth.session?.api
    if (!api || loading.value) return
    loading.value = true
    try {
      courses.value = (await api.json<SharedCourses>('/api/courses/shared')).courses
      problem.value = null
      loaded.value = true
    } catch (error) {
      problem.value = isNetworkError(error)
        ? { kind: 'offline' }
        : { kind: 'failed', reason: reasonOf(error) }
    } finally {
      loading.value = false
    }
  }

  /** The bytes of a shared course's file, from the server; throws when they cannot be had. */
  async function bytes(shared: SharedCourse, blob: BlobRef): Promise<Blob> {
    const api = auth.session?.api
    if (!api) throw new Error('not logged in')
    const response = await api.request(`${sharedPath(shared)}/blobs/${blob.sha256}`)
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return response.blob()
  }

  /** A shared file (downloaded once per session), null when it cannot be had. */
  function file(shared: SharedCourse, blob: BlobRef): Promise<Blob | null> {
    const key = `${sharedPath(shared)}/${blob.sha256}`
    let found = files.get(key)
    if (!found) {
      found = bytes(shared, blob).catch(() => {
        files.delete(key)
        return null
      })
      files.set(key, found)
    }
    return found
  }

  /** An object URL of a shared course's cover image, made once per session; null when it cannot be had. */
  function coverUrl(shared: SharedCourse, cover: BlobRef): Promise<string | null> {
    const key = `${sharedPath(shared)}/${cover.sha256}`
    let url = covers.get(key)
    if (!url) {
      const type = cover.mime.startsWith('image/') ? cover.mime : 'application/octet-stream'
      url = file(shared, cover).then((data) =>
        data ? URL.createObjectURL(new Blob([data], { type })) : null,
      )
      covers.set(key, url)
    }
    return url
  }

  return { courses, loading, loaded, problem, load, bytes, file, coverUrl }
})
