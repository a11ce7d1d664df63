import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { SessionTokens, TokenPair } from '../../../../domain/auth/auth-wire.ts'
import { isAdmin as hasAdminRole, type SessionUser } from '../../../../domain/auth/roles.ts'
import {
  changePassword,
  createApiClient,
  createBlobCache,
  createMemorySecretStore,
  createCampusDatabase,
  databaseName,
  login as requestLogin,
  REFRESH_TOKEN_KEY,
  startSync,
  whenSyncRecovers,
  type ApiClient,
  type BlobCache,
  type CampusDatabase,
  type ReplicaUpgradeProgress,
  type SyncEngine,
} from '../../db/index.ts'
import { markStart } from '../../app/start-marks.ts'
import { authDependencies } from './dependencies.ts'

/** One logged-in user on one server: the local replica and its replication. */
export interface Session {
  serverUrl: string
  user: SessionUser
  api: ApiClient
  database: CampusDatabase
  engine: SyncEngine
  /** Attachments and images: kept on this PC, uploads queued while offline. */
  blobs: BlobCache
}

interface SavedSession {
  serverUrl: string
  user: SessionUser
}

/** Who locked this PC (idle lock): the login page names them and prefills their account. */
export interface LockedSession {
  serverUrl: string
  user: SessionUser
  /** The account typed at the password login; null after a QR login. */
  account: string | null
}

/**
 * A login whose account is still on its initial (or reset) password: the server allows its tokens nothing but
 * the change (issue 11 §2), so no session opens until the new password is set. Kept in memory only.
 */
export interface PendingPasswordChange {
  serverUrl: string
  result: SessionTokens
  typedAccount: string
  currentPassword: string
}

const SERVER_URL_KEY = 'campus-desk.server-url'
const SESSION_KEY = 'campus-desk.session'
const IDLE_LOCK_KEY = 'campus-desk.idle-lock-minutes'
const SHARED_PC_KEY = 'campus-desk.shared-pc'
export const DEFAULT_IDLE_LOCK_MINUTES = 15
export const MAX_IDLE_LOCK_MINUTES = 480

/** A whole number of minutes in 0 (off) … 480; anything unreadable is the default. */
export function idleLockMinutesOf(raw: string | null): number {
  const minutes = raw === null ? NaN : Number(raw)
  return Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_IDLE_LOCK_MINUTES
    ? minutes
    : DEFAULT_IDLE_LOCK_MINUTES
}

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
  const locked = shallowRef<LockedSession | null>(null)
  const passwordChange = shallowRef<PendingPasswordChange | null>(null)
  const idleLockMinutes = ref(idleLockMinutesOf(authDependencies().preferences.get(IDLE_LOCK_KEY)))
  /** This PC is shared (a staff room, a lab): logging out removes the user's replica when nothing is unsent. */
  const sharedPc = ref(authDependencies().preferences.get(SHARED_PC_KEY) === 'true')
  /** The replica is being moved to a new schema version (the first start after an upgrade): how far it got. */
  const replicaUpgrade = shallowRef<ReplicaUpgradeProgress | null>(null)
  let account: string | null = null
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
      // The server ended the session (signed out from another device, expired, revoked): back to the login,
      // keeping this user's replica and its unsent changes for when they log in again.
      onSessionExpired: () => {
        expired.value = true
        void lock()
      },
    })
    if (tokens) await api.setTokens(tokens)
    const database = await createCampusDatabase({
      storage: deps.createStorage(),
      name: databaseName(serverUrl, sessionUser),
      onUpgradeProgress: (progress) => (replicaUpgrade.value = progress),
    }).finally(() => (replicaUpgrade.value = null))
    markStart('replica-open')
    const engine = startSync({ database, api })
    const blobs = createBlobCache({
      api,
      databaseName: database.name,
      storage: deps.blobStorage,
      reconnected$: whenSyncRecovers(engine.status$),
    })
    session.value = { serverUrl, user: sessionUser, api, database, engine, blobs }
  }

  /**
   * Starts a session with the tokens of a login (password or QR): ends the current one, then opens this
   * user's replica (it works offline from then on).
   */
  async function enter(serverUrl: string, result: SessionTokens, typedAccount: string | null): Promise<void> {
    const deps = authDependencies()
    await logout()
    account = typedAccount
    deps.preferences.set(SERVER_URL_KEY, serverUrl)
    await open(serverUrl, result.user, result)
    deps.preferences.set(SESSION_KEY, JSON.stringify({ serverUrl, user: result.user } satisfies SavedSession))
  }

  /**
   * Logs in online with an account and password; an account that must change its password first leaves the
   * login pending (`passwordChange`) until `changeInitialPassword` succeeds.
   */
  async function login(serverUrl: string, typedAccount: string, password: string): Promise<void> {
    const deps = authDependencies()
    const result = await requestLogin(serverUrl, { account: typedAccount, password }, deps.fetch)
    if (result.mustChangePassword) {
      passwordChange.value = { serverUrl, result, typedAccount, currentPassword: password }
      return
    }
    await enter(serverUrl, result, typedAccount)
  }

  /** Sets the new password of the pending login, then opens its session (the login's tokens stay valid). */
  async function changeInitialPassword(newPassword: string): Promise<void> {
    const pending = passwordChange.value
    if (!pending) return
    const { serverUrl, result, typedAccount, currentPassword } = pending
    await changePassword(
      serverUrl,
      result.accessToken,
      { oldPassword: currentPassword, newPassword },
      authDependencies().fetch,
    )
    passwordChange.value = null
    await enter(serverUrl, { ...result, mustChangePassword: false }, typedAccount)
  }

  /** Leaves a pending password change: its login ends on the server too. */
  async function cancelPasswordChange(): Promise<void> {
    const pending = passwordChange.value
    passwordChange.value = null
    if (!pending) return
    const api = createApiClient({
      serverUrl: pending.serverUrl,
      secrets: createMemorySecretStore(),
      fetch: authDependencies().fetch,
    })
    await api.setTokens(pending.result)
    await api.logout()
  }

  /** Logs in with the session a phone handed over by confirming a QR code. */
  function loginWithQr(serverUrl: string, result: SessionTokens): Promise<void> {
    return enter(serverUrl, result, null)
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

  /**
   * Ends the session: stops replication, ends it on the server, forgets the tokens and closes the replica and
   * the blob cache — or removes them, lost-edit log and queued uploads included. `session` turns null first, so no screen shows its data any more.
   */
  async function end(discard: 'close' | 'remove'): Promise<void> {
    const current = session.value
    if (!current) return
    session.value = null
    authDependencies().preferences.remove(SESSION_KEY)
    await current.engine.stop()
    await current.api.logout()
    if (discard === 'close') {
      await current.blobs.close()
      return current.database.close()
    }
    await current.blobs.remove()
    await current.database.remove()
    await authDependencies().deleteStorage(current.database.name)
  }

  /** Logs out; the replica stays on this PC, unreadable until this user logs in again. */
  async function logout(): Promise<void> {
    locked.value = null
    await end('close')
  }

  /** Logs out because nobody used the PC (idle lock): the login page names the user who was here. */
  async function lock(): Promise<void> {
    const current = session.value
    if (!current) return
    // Before the session ends, so whoever watches the session sees it was a lock.
    locked.value = { serverUrl: current.serverUrl, user: current.user, account }
    await end('close')
  }

  /** "Remove my data from this PC": logs out and deletes this user's replica, lost edits included. */
  async function removeLocalData(): Promise<void> {
    locked.value = null
    await end('remove')
  }

  function setIdleLockMinutes(minutes: number): void {
    idleLockMinutes.value = idleLockMinutesOf(String(minutes))
    authDependencies().preferences.set(IDLE_LOCK_KEY, String(idleLockMinutes.value))
  }

  function setSharedPc(shared: boolean): void {
    sharedPc.value = shared
    authDependencies().preferences.set(SHARED_PC_KEY, String(shared))
  }

  async function rememberedServerUrl(): Promise<string> {
    const deps = authDependencies()
    return deps.preferences.get(SERVER_URL_KEY) ?? (await deps.defaultServerUrl()) ?? ''
  }

  return {
    session,
    expired,
    locked,
    passwordChange,
    idleLockMinutes,
    sharedPc,
    replicaUpgrade,
    user,
    isLoggedIn,
    isAdmin,
    login,
    loginWithQr,
    changeInitialPassword,
    cancelPasswordChange,
    restore,
    logout,
    lock,
    removeLocalData,
    setIdleLockMinutes,
    setSharedPc,
    rememberedServerUrl,
  }
})
