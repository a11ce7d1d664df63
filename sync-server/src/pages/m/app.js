// @ts-check
// The one script of the mobile pages (/m/): login with the forced password change and the identity choice, the
// home page, and the QR login confirm page. Plain JavaScript checked by TypeScript (tsconfig.mobile.json); the
// phone keeps its session in localStorage and talks to the JSON API of the sync server.

/** @typedef {'zh-CN' | 'zh-TW' | 'en'} Lang */
/** @typedef {{ id: string, schoolId: string, name: string, roles: string[] }} User */
/** @typedef {User & { schoolName: string }} Identity */
/** @typedef {{ accessToken: string, refreshToken: string, user: User, mustChangePassword: boolean }} Tokens */
/** @typedef {Tokens & { account: string, identities: Identity[] }} Session */
/** @typedef {'confirmed' | 'rejected' | 'expired' | 'error'} QrResult */

const SESSION_KEY = 'campus-desk.m.session'
const LANG_KEY = 'campus-desk.m.lang'
const MIN_PASSWORD_LENGTH = 8

/** @param {string} selector */
function $(selector) {
  const element = document.querySelector(selector)
  if (!(element instanceof HTMLElement)) throw new Error(`missing ${selector}`)
  return element
}

/** @param {string} name */
const byTest = (name) => $(`[data-test="${name}"]`)

/** @param {string} name */
function formByTest(name) {
  const form = byTest(name)
  if (!(form instanceof HTMLFormElement)) throw new Error(`${name} is not a form`)
  return form
}

/** @param {HTMLFormElement} form @param {string} name */
function inputValue(form, name) {
  const input = form.elements.namedItem(name)
  return input instanceof HTMLInputElement ? input.value : ''
}

// ---- language ----

/** @type {Record<Lang, Record<string, string>>} */
const STRINGS = JSON.parse($('#m-strings').textContent ?? '{}')

/** @returns {Lang} */
const lang = () => /** @type {Lang} */ (document.documentElement.lang)

/** @param {string} key @param {string} [message] */
function t(key, message = '') {
  return (STRINGS[lang()][key] ?? key).replace('{message}', message)
}

/** Gives an element a translated text that follows the language switch. */
function setText(/** @type {HTMLElement} */ element, /** @type {string} */ key, message = '') {
  element.dataset.i18n = key
  element.dataset.message = message
  element.textContent = t(key, message)
}

function translatePage() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    if (element instanceof HTMLElement)
      element.textContent = t(element.dataset.i18n ?? '', element.dataset.message)
  }
  for (const element of document.querySelectorAll('[data-time]')) {
    if (element instanceof HTMLElement)
      element.textContent = new Date(Number(element.dataset.time)).toLocaleString(lang())
  }
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === lang()))
  }
}

/** @param {string | null} next */
function useLang(next) {
  if (next === null || !(next in STRINGS)) return
  document.documentElement.lang = next
  translatePage()
}

function setUpLangSwitch() {
  useLang(localStorage.getItem(LANG_KEY))
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      const next = button.getAttribute('data-lang') ?? ''
      localStorage.setItem(LANG_KEY, next)
      useLang(next)
    })
  }
}

// ---- session and API ----

/** @returns {Session | null} */
function loadSession() {
  try {
    return JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null')
  } catch {
    return null
  }
}

/** @param {Session} session */
const saveSession = (session) => localStorage.setItem(SESSION_KEY, JSON.stringify(session))

class ApiError extends Error {
  /**
   * @param {number} status 0 when the server could not be reached @param {string} message
   * @param {string} code the answer's `error`, e.g. `password_too_weak`
   */
  constructor(status, message, code = '') {
    super(message)
    this.status = status
    this.code = code
  }
}

/** The server's 403 to a session that must change its password first (domain/auth/codes.ts). */
const PASSWORD_CHANGE_REQUIRED = 'password_change_required'

/** A JSON POST to the API; any answer but 2xx becomes an `ApiError`. @returns {Promise<any>} */
async function post(/** @type {string} */ path, /** @type {unknown} */ body = {}, accessToken = '') {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json' }
  if (accessToken) headers.authorization = `Bearer ${accessToken}`
  let response
  try {
    response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) })
  } catch {
    throw new ApiError(0, '')
  }
  const json = await response.json().catch(() => ({}))
  if (!response.ok) throw new ApiError(response.status, json.message ?? response.statusText, json.error)
  return json
}

/** Where a page goes when it needs a login: back to itself afterwards. */
function toLogin() {
  location.replace(`/m/login?next=${encodeURIComponent(location.pathname)}`)
}

/** The stored session, or null after sending the phone to the login page. */
function sessionOrLogin() {
  const session = loadSession()
  if (session && !session.mustChangePassword) return session
  toLogin()
  return null
}

/** A POST as the logged-in user; an expired access token is refreshed once. */
async function authedPost(/** @type {string} */ path, /** @type {unknown} */ body = {}) {
  const session = loadSession()
  if (!session) throw new ApiError(401, '')
  try {
    return await post(path, body, session.accessToken)
  } catch (error) {
    if (error instanceof ApiError && error.code === PASSWORD_CHANGE_REQUIRED) {
      // The login page asks for the current password again, then for the new one.
      localStorage.removeItem(SESSION_KEY)
      toLogin()
      throw error
    }
    if (!(error instanceof ApiError) || error.status !== 401) throw error
    /** @type {Tokens | null} */
    const tokens = await post('/api/auth/refresh', { refreshToken: session.refreshToken }).catch(() => null)
    if (!tokens) {
      localStorage.removeItem(SESSION_KEY)
      toLogin()
      throw error
    }
    saveSession({ ...session, ...tokens })
    return post(path, body, tokens.accessToken)
  }
}

/** Stores a new session and ends the one it replaces. @param {Session} session */
function replaceSession(session) {
  const previous = loadSession()
  saveSession(session)
  if (previous) post('/api/auth/logout', {}, previous.accessToken).catch(() => undefined)
}

// ---- login: password, forced change, identity choice ----

/** What the login flow remembers while the page is open (never stored). */
const flow = { password: '', chosen: false }

/** Shows an API error, or an `Error` whose message is the key of a string. @param {unknown} error */
function showError(error) {
  const element = byTest('m-error')
  const status = error instanceof ApiError ? error.status : -1
  const message = error instanceof Error ? error.message : String(error)
  const codeKey = error instanceof ApiError ? `code_${error.code}` : ''
  if (codeKey in STRINGS[lang()]) setText(element, codeKey)
  else if (status === 0) setText(element, 'network')
  else if (status === 401) setText(element, 'badCredentials')
  else if (status === 429) setText(element, 'tooMany')
  else if (status === -1) setText(element, message)
  else setText(element, 'serverError', message)
  element.hidden = false
}

function hideError() {
  byTest('m-error').hidden = true
}

/** Shows one step of the login page. @param {'m-login-form' | 'm-change-form' | 'm-identities'} step */
function showStep(step) {
  for (const name of ['m-login-form', 'm-change-form', 'm-identities']) byTest(name).hidden = name !== step
  hideError()
}

/** The first login step still to do, or leaves for the page the phone came from. */
function proceed() {
  const session = loadSession()
  if (!session) return showStep('m-login-form')
  if (session.mustChangePassword) return showStep('m-change-form')
  if (session.identities.length > 1 && !flow.chosen) return showIdentities(session)
  location.replace(nextPath())
}

function nextPath() {
  const url = new URL(new URLSearchParams(location.search).get('next') ?? '/m/', location.origin)
  return url.origin === location.origin && url.pathname.startsWith('/m/') ? url.pathname : '/m/'
}

/** Runs a form's submission with its button disabled; errors are shown. @param {HTMLFormElement} form */
function onSubmit(form, /** @type {() => Promise<void>} */ submit) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    hideError()
    const button = form.querySelector('button')
    if (button) button.disabled = true
    try {
      await submit()
    } catch (error) {
      showError(error)
    } finally {
      if (button) button.disabled = false
    }
  })
}

async function logIn(/** @type {string} */ account, /** @type {string} */ password, identityId = '') {
  const result = await post('/api/auth/login', { account, password, ...(identityId && { identityId }) })
  replaceSession({ ...result, account })
  flow.password = password
}

/** @param {Session} session */
function showIdentities(session) {
  const list = $('.identities')
  list.replaceChildren(...session.identities.map(identityItem))
  showStep('m-identities')
}

/** @param {Identity} identity */
function identityItem(identity) {
  const button = document.createElement('button')
  button.type = 'button'
  button.dataset.test = 'm-identity'
  button.dataset.id = identity.id
  const name = document.createElement('strong')
  name.textContent = identity.name
  const school = document.createElement('span')
  school.textContent = identity.schoolName
  const roles = identity.roles.map((role) => {
    const span = document.createElement('span')
    setText(span, `role_${role}`)
    return span
  })
  button.append(name, school, ...roles)
  button.addEventListener('click', () => chooseIdentity(identity.id).catch(showError))
  const item = document.createElement('li')
  item.append(button)
  return item
}

async function chooseIdentity(/** @type {string} */ identityId) {
  const session = loadSession()
  if (!session) return toLogin()
  if (identityId !== session.user.id) await logIn(session.account, flow.password, identityId)
  flow.chosen = true
  proceed()
}

function loginPage() {
  const loginForm = formByTest('m-login-form')
  const account = loginForm.elements.namedItem('account')
  if (account instanceof HTMLInputElement) account.value = loadSession()?.account ?? ''
  onSubmit(loginForm, async () => {
    await logIn(inputValue(loginForm, 'account').trim(), inputValue(loginForm, 'password'))
    proceed()
  })
  const changeForm = formByTest('m-change-form')
  onSubmit(changeForm, async () => {
    const newPassword = inputValue(changeForm, 'newPassword')
    if (newPassword !== inputValue(changeForm, 'confirmPassword')) throw new Error('passwordsDiffer')
    if (newPassword.length < MIN_PASSWORD_LENGTH) throw new Error('passwordTooShort')
    await authedPost('/api/auth/password', { oldPassword: flow.password, newPassword })
    const session = loadSession()
    if (session) saveSession({ ...session, mustChangePassword: false })
    proceed()
  })
}

// ---- home ----

function homePage() {
  const session = sessionOrLogin()
  if (!session) return
  byTest('m-user-name').textContent = session.user.name
  const identity = session.identities.find((i) => i.id === session.user.id)
  $('[data-field="school"]').textContent = identity?.schoolName ?? ''
  byTest('m-switch').hidden = session.identities.length < 2
  byTest('m-logout').addEventListener('click', async () => {
    await post('/api/auth/logout', {}, session.accessToken).catch(() => undefined)
    localStorage.removeItem(SESSION_KEY)
    location.replace('/m/login')
  })
  byTest('m-home').hidden = false
}

// ---- QR login confirm ----

/** The final state of the QR page. @param {QrResult} state */
function showQrResult(state, message = '') {
  $('[data-field="loading"]').hidden = true
  $('[data-field="request"]').hidden = true
  const result = byTest('m-qr-result')
  result.dataset.state = state
  setText(result, `qr_${state}`, message)
  result.hidden = false
}

/** A ticket the server no longer knows (404) or that is over (410) needs a fresh code. @param {unknown} error */
function showQrError(error) {
  const status = error instanceof ApiError ? error.status : 0
  if (status === 404 || status === 410) return showQrResult('expired')
  showQrResult('error', error instanceof Error && error.message ? error.message : t('network'))
}

/** Confirming or rejecting needs a tap: opening the link only shows who asks (QRLJacking defence). */
async function qrPage() {
  if (!sessionOrLogin()) return
  const ticketId = location.pathname.split('/').pop() ?? ''
  const base = `/api/auth/qr/${encodeURIComponent(ticketId)}`
  try {
    const info = await authedPost(`${base}/scan`)
    byTest('m-qr-device').textContent = info.deviceName
    byTest('m-qr-time').dataset.time = String(info.createdAt)
    byTest('m-qr-address').textContent = info.clientAddress
    translatePage()
    $('[data-field="loading"]').hidden = true
    $('[data-field="request"]').hidden = false
  } catch (error) {
    return showQrError(error)
  }
  const buttons = [byTest('m-qr-confirm'), byTest('m-qr-reject')]
  /** @param {'confirm' | 'reject'} decision @param {QrResult} state */
  const decide = async (decision, state) => {
    for (const button of buttons) button.setAttribute('disabled', '')
    await authedPost(`${base}/${decision}`).then(() => showQrResult(state), showQrError)
  }
  byTest('m-qr-confirm').addEventListener('click', () => decide('confirm', 'confirmed'))
  byTest('m-qr-reject').addEventListener('click', () => decide('reject', 'rejected'))
}

// ---- start ----

const PAGES = { login: loginPage, home: homePage, qr: qrPage }

setUpLangSwitch()
const page = document.body.dataset.page
if (page === 'login' || page === 'home' || page === 'qr') PAGES[page]()
