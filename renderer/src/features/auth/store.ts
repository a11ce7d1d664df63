import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { isAdmin as hasAdminRole, type SessionUser } from '../../../../domain/auth/roles.ts'
import {
  createApiClient,
  createCampusDatabase,
  databaseName,
  login as requestLogin,
  REFRESH_TOKEN_KEY,
  startSync,
  type ApiClient,
  type CampusDatabase,
  type SyncEngine,
  type TokenPair,
} from '../../db/index.ts'
import { authDependencies } from './dependencies.ts'

/** One logged-in user on one server: the local replica and its replication. */
export interface Session {
  serverUrl: string
  user: SessionUser
  api: ApiClient
  database: CampusDatabase
  engine: SyncEngine
}

interface SavedSession {
  serverUrl: string
  user: SessionUser
}

const SERVER_URL_KEY = 'campus-desk.server-url'
const SESSION_KEY = 'campus-desk.session'

function readSavedSession(raw: string | null): SavedSession | null {
  try {
    const saved = raw ? (JSON.parse(raw) as Partial<SavedSession>) : null
    return saved?.serverUrl && saved.user?.id ? (saved as SavedSession) : null
  } catch {
    return null
  }
}

export const useAuthStore = defineStore('auth', () => {
  const session = shallowRef<Session | null>(null)
  /** The refresh token was refused: the replica stays usable, syncing needs a new login. */
  const expired = ref(false)
  let restoring: Promise<boolean> | null = null

  const user = computed(() => session.value?.user ?? null)
  const isLoggedIn = computed(() => session.value !== null)
  const isAdmin = computed(() => (user.value ? hasAdminRole(user.value) : false))

  async function open(serverUrl: string, sessionUser: SessionUser, tokens?: TokenPair): Promise<void> {
    const deps = authDependencies()
    expired.value = false
    const api = createApiClient({
      serverUrl,
      secrets: deps.secrets,
      fetch: deps.fetch,
      onSessionExpired: () => {
        expired.value = true
      },
    })
    if (tokens) await api.setTokens(tokens)
    const database = await createCampusDatabase({
      storage: deps.createStorage(),
      name: databaseName(serverUrl, sessionUser),
    })
    const engine = startSync({ database, api })
    session.value = { serverUrl, user: sessionUser, api, database, engine }
  }

  /** Logs in online, then opens this user's replica (works offline from then on). */
  async function login(serverUrl: string, account: string, password: string): Promise<void> {
    const deps = authDependencies()
    const result = await requestLogin(serverUrl, { account, password }, deps.fetch)
    await logout()
    deps.preferences.set(SERVER_URL_KEY, serverUrl)
    await open(serverUrl, result.user, result)
    deps.preferences.set(SESSION_KEY, JSON.stringify({ serverUrl, user: result.user } satisfies SavedSession))
  }

  /** Re-opens the last session at start-up, without the network: its refresh token is used once online. */
  function restore(): Promise<boolean> {
    restoring ??= (async () => {
      if (session.value) return true
      const deps = authDependencies()
      const saved = readSavedSession(deps.preferences.get(SESSION_KEY))
      if (!saved || !(await deps.secrets.get(REFRESH_TOKEN_KEY))) return false
      await open(saved.serverUrl, saved.user)
      return true
    })().finally(() => {
      restoring = null
    })
    return restoring
  }

  /** Stops replication, ends the server session and closes the replica (its data stays on this PC). */
  async function logout(): Promise<void> {
    const current = session.value
    if (!current) return
    session.value = null
    authDependencies().preferences.remove(SESSION_KEY)
    await current.engine.stop()
    await current.api.logout()
    await current.database.close()
  }

  async function rememberedServerUrl(): Promise<string> {
    const deps = authDependencies()
    return deps.preferences.get(SERVER_URL_KEY) ?? (await deps.defaultServerUrl()) ?? ''
  }

  return { session, expired, user, isLoggedIn, isAdmin, login, restore, logout, rememberedServerUrl }
})
