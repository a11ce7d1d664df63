// @ts-check
// The one script of the mobile pages (/m/): login with the forced password change and the identity choice, the
// home page, and the QR login confirm page. Plain JavaScript checked by TypeScript (tsconfig.mobile.json); the
// phone keeps its session in localStorage and talks to the JSON API of the sync server.

/** @typedef {'zh-CN' | 'zh-TW' | 'en'} Lang */
// The auth wire types are defined once, in domain/ (issue 19 §9); tsconfig.mobile.json checks this file against them.
/** @typedef {import('../../../../domain/auth/auth-wire.ts').SessionTokens} Tokens */
/** @typedef {import('../../../../domain/auth/auth-wire.ts').Identity} Identity */
/** @typedef {Tokens['user']} User */
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

/** A fetch of the API; any answer but 2xx becomes an `ApiError`. @returns {Promise<Response>} */
async function call(
  /** @type {'GET' | 'POST'} */ method,
  /** @type {string} */ path,
  /** @type {unknown} */ body = {},
  accessToken = '',
) {
  /** @type {Record<string, string>} */
  const headers = method === 'POST' ? { 'content-type': 'application/json' } : {}
  if (accessToken) headers.authorization = `Bearer ${accessToken}`
  let response
  try {
    response = await fetch(path, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(body) : undefined,
    })
  } catch {
    throw new ApiError(0, '')
  }
  if (response.ok) return response
  const json = await response.json().catch(() => ({}))
  throw new ApiError(response.status, json.message ?? response.statusText, json.error)
}

/** A JSON POST to the API. @returns {Promise<any>} */
async function post(/** @type {string} */ path, /** @type {unknown} */ body = {}, accessToken = '') {
  return (await call('POST', path, body, accessToken)).json()
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

/** A request as the logged-in user; an expired access token is refreshed once. @returns {Promise<Response>} */
async function authedCall(
  /** @type {'GET' | 'POST'} */ method,
  /** @type {string} */ path,
  /** @type {unknown} */ body = {},
) {
  const session = loadSession()
  if (!session) throw new ApiError(401, '')
  try {
    return await call(method, path, body, session.accessToken)
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
    return call(method, path, body, tokens.accessToken)
  }
}

/** A JSON POST as the logged-in user. @returns {Promise<any>} */
const authedPost = async (/** @type {string} */ path, body = {}) =>
  (await authedCall('POST', path, body)).json()

/** A JSON GET as the logged-in user. @returns {Promise<any>} */
const authedGet = async (/** @type {string} */ path) => (await authedCall('GET', path)).json()

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
  else if (status === -1)
    setText(element, message, error instanceof Error && 'detail' in error ? String(error.detail) : '')
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
  byTest('m-devices-sign-out-others').addEventListener('click', () =>
    signOutDevices(() => authedPost('/api/auth/sessions/revoke-others')),
  )
  byTest('m-home').hidden = false
  void showDevices()
}

// ---- Signed-in devices (AUTH-6) ----

/** @typedef {import('../../../../domain/auth/auth-wire.ts').DeviceSession} DeviceSession */

/** One signed-in device, with a button to sign it out unless it is this phone. @param {DeviceSession} session */
function deviceItem(session) {
  const item = element('li', 'device')
  item.dataset.test = 'm-device'
  item.dataset.current = String(session.current)
  const name = element('strong')
  if (session.device.name) name.textContent = session.device.name
  else setText(name, `device_${session.device.kind}`)
  item.append(name)
  if (session.current) item.append(' ', badge('devicesThis', 'current'))
  const used = element('p', 'muted')
  const label = element('span')
  setText(label, 'devicesLastUsed')
  used.append(label, ' ', timeElement(session.lastUsedAt))
  if (session.address) {
    const from = element('span')
    from.dataset.test = 'm-device-address'
    setText(from, 'devicesFrom')
    used.append(' · ', from, ` ${session.address}`)
  }
  item.append(used)
  if (!session.current) {
    const button = /** @type {HTMLButtonElement} */ (element('button'))
    button.type = 'button'
    button.dataset.test = 'm-device-sign-out'
    setText(button, 'devicesSignOut')
    button.addEventListener('click', () =>
      signOutDevices(() => authedPost('/api/auth/sessions/revoke', { sessionId: session.id })),
    )
    item.append(button)
  }
  return item
}

async function showDevices() {
  try {
    /** @type {{ sessions: DeviceSession[] }} */
    const { sessions } = await authedGet('/api/auth/sessions')
    byTest('m-device-list').replaceChildren(...sessions.map(deviceItem))
    const signOutOthers = /** @type {HTMLButtonElement} */ (byTest('m-devices-sign-out-others'))
    signOutOthers.disabled = sessions.every((s) => s.current)
  } catch (error) {
    showError(error)
  }
}

/** Signs devices out, then shows the list again. @param {() => Promise<unknown>} signOut */
async function signOutDevices(signOut) {
  try {
    await signOut()
  } catch (error) {
    showError(error)
  }
  await showDevices()
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

// ---- notices ----

/** @typedef {{ id: string, name: string }} Concerned */
/** @typedef {{ id: string, title: string, authorName: string, sentAt: number, status: 'sent' | 'closed',
 *   hasForm: boolean, read: boolean, answered: boolean, reminded: boolean, students?: Concerned[] }} NoticeSummary */
/** @typedef {{ sha256: string, name: string, size: number, mime: string }} BlobRef */
/** @typedef {{ id: string, type: 'single' | 'multiple' | 'text' | 'attachment', title: string,
 *   options?: string[], required: boolean }} Question */
/** @typedef {{ id: string, title: string, body: string, links: { title: string, url: string }[],
 *   attachments: BlobRef[], questions: Question[], status: 'sent' | 'closed', authorName: string, sentAt: number,
 *   receipt: { readAt?: number, answeredAt?: number, answers?: Record<string, string | string[]> },
 *   students?: Concerned[] }} PhoneNotice */

/** @param {string} tag @param {string} [className] @param {string} [text] */
function element(tag, className = '', text = '') {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text) node.textContent = text
  return node
}

/** A badge whose word follows the language switch. @param {string} key @param {string} className */
function badge(key, className) {
  const span = element('span', `badge ${className}`)
  setText(span, key)
  return span
}

/** A time that follows the language switch. @param {number} time */
function timeElement(time) {
  const span = element('span')
  span.dataset.time = String(time)
  span.textContent = new Date(time).toLocaleString(lang())
  return span
}

/** "About: 陈小明, 陈小红" for a guardian of several children (NTC-6). @param {Concerned[] | undefined} students */
function concernsElement(students, tag = 'span') {
  const node = element(tag, 'concerns')
  if (students && students.length > 0) setText(node, 'concerns', students.map((s) => s.name).join('、'))
  else node.hidden = true
  return node
}

/** @param {NoticeSummary} notice */
function noticeItem(notice) {
  const link = /** @type {HTMLAnchorElement} */ (element('a', notice.read ? 'notice' : 'notice unread'))
  link.href = `/m/notices/${encodeURIComponent(notice.id)}`
  link.dataset.test = 'm-notice-item'
  link.dataset.id = notice.id
  const badges = element('span', 'badges')
  if (!notice.read) badges.append(badge('unread', 'unread'))
  if (notice.reminded && (!notice.read || (notice.hasForm && !notice.answered)))
    badges.append(badge('reminded', 'reminded'))
  if (notice.hasForm) badges.append(badge(notice.answered ? 'answered' : 'hasForm', 'form'))
  if (notice.status === 'closed') badges.append(badge('closed', 'closed'))
  const meta = element('span', 'muted meta')
  meta.append(`${notice.authorName} · `, timeElement(notice.sentAt))
  link.append(element('strong', 'title', notice.title), badges, concernsElement(notice.students), meta)
  const item = element('li')
  item.append(link)
  return item
}

/** Calls `onNotice` with the id of each notice delivered or reminded to the user while the page is open. */
async function listenForNotices(/** @type {(id: string) => void} */ onNotice) {
  for (;;) {
    // A server shutting down says `resync` before it ends the stream: reconnect at once (to another instance).
    let restarting = false
    try {
      const response = await authedCall('GET', '/api/m/stream')
      if (!response.body) return
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += read.value
        const blocks = buffer.split('\n\n')
        buffer = blocks.pop() ?? ''
        for (const block of blocks) {
          const data = block.split('\n').find((line) => line.startsWith('data: '))
          if (block.startsWith('event: notice') && data) onNotice(JSON.parse(data.slice(6)).id)
          if (block.startsWith('event: resync')) restarting = true
        }
      }
    } catch {
      // Offline or a restart: try again shortly.
    }
    if (!restarting) await new Promise((resolve) => setTimeout(resolve, 3000))
  }
}

async function inboxPage() {
  if (!sessionOrLogin()) return
  const list = byTest('m-notice-list')
  const load = async () => {
    /** @type {{ notices: NoticeSummary[] }} */
    const { notices } = await authedGet('/api/m/notices')
    list.replaceChildren(...notices.map(noticeItem))
    byTest('m-inbox-empty').hidden = notices.length > 0
    byTest('m-inbox').hidden = false
  }
  await load().catch(showError)
  void listenForNotices(() => {
    byTest('m-new-notice').hidden = false
    load().catch(showError)
  })
}

/** A body image or attachment, fetched with the user's token. @param {string} noticeId @param {string} sha256 */
async function noticeFile(noticeId, sha256) {
  const response = await authedCall(
    'GET',
    `/api/m/notices/${encodeURIComponent(noticeId)}/attachments/${sha256}`,
  )
  return response.blob()
}

/** Shows the body's `<img data-blob>` as data URLs (the CSP allows no other image source). @param {PhoneNotice} notice */
function loadBodyImages(notice, /** @type {HTMLElement} */ body) {
  for (const image of body.querySelectorAll('img[data-blob]')) {
    const sha256 = image.getAttribute('data-blob') ?? ''
    noticeFile(notice.id, sha256)
      .then((blob) => {
        const reader = new FileReader()
        reader.onload = () => image.setAttribute('src', String(reader.result))
        reader.readAsDataURL(blob)
      })
      .catch(() => undefined)
  }
}

/** @param {PhoneNotice} notice @param {BlobRef} file */
function attachmentItem(notice, file) {
  const button = /** @type {HTMLButtonElement} */ (
    element('button', 'link', `${file.name} (${Math.ceil(file.size / 1024)} KB)`)
  )
  button.type = 'button'
  button.dataset.test = 'm-attachment'
  button.addEventListener('click', async () => {
    const url = URL.createObjectURL(await noticeFile(notice.id, file.sha256))
    const link = /** @type {HTMLAnchorElement} */ (element('a'))
    link.href = url
    link.download = file.name
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  })
  const item = element('li')
  item.append(button)
  return item
}

/** The form field of one question, filled with the stored answer. @param {Question} question */
function questionField(question, /** @type {string | string[] | undefined} */ answer, disabled = false) {
  const field = element('fieldset', 'question')
  field.dataset.test = 'm-question'
  field.dataset.id = question.id
  const legend = element('legend', '', question.title)
  if (question.required) legend.append(' ', badge('required', 'required'))
  field.append(legend)
  if (question.type === 'single' || question.type === 'multiple') {
    for (const option of question.options ?? []) {
      const label = element('label', 'choice')
      const input = /** @type {HTMLInputElement} */ (element('input'))
      input.type = question.type === 'single' ? 'radio' : 'checkbox'
      input.name = question.id
      input.value = option
      input.checked = Array.isArray(answer) ? answer.includes(option) : answer === option
      input.disabled = disabled
      label.append(input, ` ${option}`)
      field.append(label)
    }
  } else if (question.type === 'text') {
    const area = /** @type {HTMLTextAreaElement} */ (element('textarea'))
    area.name = question.id
    area.maxLength = 5000
    area.value = typeof answer === 'string' ? answer : ''
    area.disabled = disabled
    field.append(area)
  } else {
    const note = element('p', 'muted')
    setText(note, 'answerAttachmentOnPc')
    field.append(note)
  }
  return field
}

/** The answers the form holds, and the first required question left empty. @param {Question[]} questions */
function formAnswers(/** @type {HTMLFormElement} */ form, questions) {
  /** @type {Record<string, string | string[]>} */
  const answers = {}
  let missing = ''
  const data = new FormData(form)
  for (const question of questions) {
    if (question.type === 'attachment') continue
    const values = data.getAll(question.id).map(String)
    const answer = question.type === 'multiple' ? values : (values[0] ?? '').trim()
    if (answer.length > 0) answers[question.id] = answer
    else if (question.required && !missing) missing = question.title
  }
  return { answers, missing }
}

/** @param {PhoneNotice} notice */
function showNotice(notice) {
  byTest('m-notice-title').textContent = notice.title
  const meta = byTest('m-notice-meta')
  meta.replaceChildren(`${notice.authorName} · `, timeElement(notice.sentAt))
  const students = concernsElement(notice.students, 'p')
  students.dataset.test = 'm-notice-students'
  byTest('m-notice-students').replaceWith(students)
  const body = byTest('m-notice-body')
  // Sanitised by the server (sanitize-html); the CSP would refuse any script anyway.
  body.innerHTML = notice.body
  loadBodyImages(notice, body)
  const links = notice.links.map(({ title, url }) => {
    const link = /** @type {HTMLAnchorElement} */ (element('a', '', title))
    link.href = url
    link.rel = 'noopener noreferrer'
    link.target = '_blank'
    const item = element('li')
    item.append(link)
    return item
  })
  byTest('m-notice-links').replaceChildren(...links)
  $('[data-field="links"]').hidden = links.length === 0
  byTest('m-notice-attachments').replaceChildren(
    ...notice.attachments.map((file) => attachmentItem(notice, file)),
  )
  $('[data-field="attachments"]').hidden = notice.attachments.length === 0
  showForm(notice)
  byTest('m-notice').hidden = false
}

/** @param {PhoneNotice} notice */
function showForm(notice) {
  const form = formByTest('m-answer-form')
  form.hidden = notice.questions.length === 0
  const closed = notice.status === 'closed'
  const answers = notice.receipt.answers ?? {}
  $('[data-field="questions"]').replaceChildren(
    ...notice.questions.map((q) => questionField(q, answers[q.id], closed)),
  )
  byTest('m-form-closed').hidden = !closed
  const submit = byTest('m-answer-submit')
  submit.hidden = closed
  setText(submit, notice.receipt.answeredAt ? 'answerUpdate' : 'answerSubmit')
}

async function noticePage() {
  if (!sessionOrLogin()) return
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '')
  const path = `/api/m/notices/${encodeURIComponent(id)}`
  /** @type {PhoneNotice | null} */
  let notice = null
  const load = async () => {
    notice = await authedGet(path)
    if (notice) showNotice(notice)
  }
  try {
    await load()
    await authedPost(`${path}/read`).catch(() => undefined)
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0
    if (status === 404 || status === 410)
      showError(new Error(status === 404 ? 'noticeMissing' : 'noticeRecalled'))
    else showError(error)
    byTest('m-notice').hidden = false
    return
  }
  const form = formByTest('m-answer-form')
  const status = byTest('m-answer-status')
  form.addEventListener('input', () => (status.hidden = true))
  onSubmit(form, async () => {
    if (!notice) return
    const { answers, missing } = formAnswers(form, notice.questions)
    if (missing) throw Object.assign(new Error('answerRequired'), { detail: missing })
    try {
      await authedPost(`${path}/answers`, { answers })
    } catch (error) {
      const code = error instanceof ApiError ? error.status : 0
      if (code === 409) throw new Error('formClosed', { cause: error })
      if (code === 410) throw new Error('noticeRecalled', { cause: error })
      throw error
    }
    await load()
    setText(status, 'answerSaved')
    status.hidden = false
  })
  void listenForNotices((arrived) => {
    if (arrived === id) load().catch(showError)
  })
}

// ---- courses (CRS-5): the listed courses shared with the user's (children's) classes ----

/** @typedef {import('../../../../domain/courses/courses-wire.ts').PhoneCourseSummary} CourseSummary */
/** @typedef {import('../../../../domain/courses/courses-wire.ts').PhoneChapter} PhoneChapter */
/** @typedef {import('../../../../domain/courses/courses-wire.ts').PhoneCourse} PhoneCourse */

/** How a course's file is shown: in the page (PDF frame, image, media) or only saved. @param {BlobRef} file */
function courseFileKind(file) {
  const mime = file.mime.toLowerCase()
  if (mime === 'application/pdf') return 'pdf'
  if (mime.startsWith('image/')) return 'image'
  if (mime.startsWith('video/')) return 'video'
  if (mime.startsWith('audio/')) return 'audio'
  return 'file'
}

/**
 * An object URL of a course's file (cover or attachment), fetched with the user's token. Typed for how it is shown:
 * a PDF frame gets only `application/pdf`, a file that is only saved an opaque type, so no file can run as a page
 * of this origin (which holds the session).
 * @param {string} courseId @param {BlobRef} file
 */
async function courseFileUrl(courseId, file) {
  const path = `/api/m/courses/${encodeURIComponent(courseId)}/attachments/${file.sha256}`
  const bytes = await (await authedCall('GET', path)).blob()
  const kind = courseFileKind(file)
  const type = kind === 'pdf' ? 'application/pdf' : kind === 'file' ? 'application/octet-stream' : file.mime
  return URL.createObjectURL(new Blob([bytes], { type }))
}

/** @param {CourseSummary} course */
function courseItem(course) {
  const link = /** @type {HTMLAnchorElement} */ (element('a', 'course'))
  link.href = `/m/courses/${encodeURIComponent(course.id)}`
  link.dataset.test = 'm-course-item'
  link.dataset.id = course.id
  if (course.cover) {
    const cover = /** @type {HTMLImageElement} */ (element('img', 'cover'))
    cover.alt = ''
    courseFileUrl(course.id, course.cover).then(
      (url) => (cover.src = url),
      () => cover.remove(),
    )
    link.append(cover)
  }
  const lecturer = element('span', 'muted')
  setText(lecturer, 'lecturer', course.lecturer)
  const count = element('span', 'muted')
  setText(count, 'chapterCount', String(course.chapterCount))
  link.append(element('strong', 'title', course.title), lecturer, count)
  const item = element('li')
  item.append(link)
  return item
}

async function coursesPage() {
  if (!sessionOrLogin()) return
  try {
    /** @type {{ courses: CourseSummary[] }} */
    const { courses } = await authedGet('/api/m/courses')
    byTest('m-course-list').replaceChildren(...courses.map(courseItem))
    byTest('m-courses-empty').hidden = courses.length > 0
  } catch (error) {
    showError(error)
  }
  byTest('m-courses').hidden = false
}

/**
 * One file of a chapter: images, videos (seeking within the fetched bytes) and PDFs shown in the page, every file
 * also saved with its own button (the phone opens it with its own viewer from there).
 * @param {string} courseId @param {BlobRef} file
 */
function courseFileView(courseId, file) {
  const figure = element('figure', 'file')
  figure.dataset.test = 'm-course-file'
  figure.dataset.state = 'loading'
  const caption = element('figcaption', '', `${file.name} (${Math.ceil(file.size / 1024)} KB)`)
  const status = element('p', 'muted')
  setText(status, 'fileLoading')
  figure.append(caption, status)
  courseFileUrl(courseId, file).then(
    (url) => {
      const open = /** @type {HTMLAnchorElement} */ (element('a', 'button'))
      setText(open, 'openFile')
      open.href = url
      open.download = file.name
      open.dataset.test = 'm-course-file-open'
      const kind = courseFileKind(file)
      /** @type {HTMLElement | null} */
      let shown = null
      if (kind === 'image') {
        const image = /** @type {HTMLImageElement} */ (element('img'))
        image.src = url
        image.alt = file.name
        shown = image
      } else if (kind === 'video' || kind === 'audio') {
        const media = /** @type {HTMLVideoElement} */ (element(kind))
        media.src = url
        media.controls = true
        media.preload = 'metadata'
        media.setAttribute('playsinline', '')
        shown = media
      } else if (kind === 'pdf') {
        const frame = /** @type {HTMLIFrameElement} */ (element('iframe', 'pdf'))
        frame.src = url
        frame.title = file.name
        shown = frame
      }
      if (shown) shown.dataset.test = 'm-course-file-view'
      figure.dataset.state = 'ready'
      status.replaceWith(...(shown ? [shown] : []), open)
    },
    () => {
      figure.dataset.state = 'missing'
      setText(status, 'fileMissing')
    },
  )
  return figure
}

/** A link to a chapter of this course page, or a hidden one when there is none. */
function chapterLink(/** @type {HTMLElement} */ link, /** @type {PhoneChapter | undefined} */ chapter) {
  if (!(link instanceof HTMLAnchorElement)) return
  link.hidden = !chapter
  if (chapter) link.href = `?chapter=${encodeURIComponent(chapter.id)}`
}

/** Shows the course and its chapter `wanted` (a chapter with sub-chapters shows its first readable one). */
function showCourse(/** @type {PhoneCourse} */ course, /** @type {string | null} */ wanted) {
  byTest('m-course-title').textContent = course.title
  setText(byTest('m-course-lecturer'), 'lecturer', course.lecturer)
  byTest('m-course-description').textContent = course.description ?? ''
  const parents = new Set(course.chapters.map((chapter) => chapter.parentId))
  const readable = course.chapters.filter((chapter) => !parents.has(chapter.id))
  const from = Math.max(
    0,
    course.chapters.findIndex((chapter) => chapter.id === wanted),
  )
  const current = course.chapters.slice(from).find((chapter) => !parents.has(chapter.id)) ?? readable[0]
  byTest('m-course-chapters').replaceChildren(
    ...course.chapters.map((chapter) => {
      const item = element('li', chapter === current ? 'current' : '')
      item.style.paddingLeft = `${chapter.depth}em`
      const link = /** @type {HTMLAnchorElement} */ (element('a', '', chapter.title))
      link.href = `?chapter=${encodeURIComponent(chapter.id)}`
      link.dataset.test = 'm-course-chapter'
      item.append(link)
      return item
    }),
  )
  const index = current ? readable.indexOf(current) : -1
  byTest('m-chapter-title').textContent = current?.title ?? ''
  const files = current?.attachments ?? []
  byTest('m-chapter-empty').hidden = files.length > 0
  byTest('m-chapter-files').replaceChildren(...files.map((file) => courseFileView(course.id, file)))
  chapterLink(byTest('m-chapter-previous'), index > 0 ? readable[index - 1] : undefined)
  chapterLink(byTest('m-chapter-next'), index >= 0 ? readable[index + 1] : undefined)
}

async function coursePage() {
  if (!sessionOrLogin()) return
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '')
  try {
    /** @type {PhoneCourse} */
    const course = await authedGet(`/api/m/courses/${encodeURIComponent(id)}`)
    showCourse(course, new URLSearchParams(location.search).get('chapter'))
  } catch (error) {
    byTest('m-chapter').hidden = true
    if (error instanceof ApiError && error.status === 404) showError(new Error('courseMissing'))
    else showError(error)
  }
  byTest('m-course').hidden = false
}

// ---- start ----

const PAGES = {
  login: loginPage,
  home: homePage,
  qr: qrPage,
  notices: inboxPage,
  notice: noticePage,
  courses: coursesPage,
  course: coursePage,
}

setUpLangSwitch()
const page = document.body.dataset.page
if (page && page in PAGES) PAGES[/** @type {keyof typeof PAGES} */ (page)]()
