// The HTML of the mobile pages: static markup in the phone's language; `app.js` fills in the rest.
import { LANG_LABELS, MOBILE_LANGS, MOBILE_STRINGS, type MobileLang, type MobileStrings } from './strings.ts'

export const MOBILE_PAGES = ['login', 'home', 'qr', 'notices', 'notice', 'courses', 'course'] as const
export type MobilePage = (typeof MOBILE_PAGES)[number]

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)

type Text = (key: keyof MobileStrings) => string

/** An element whose text is the string `key`, re-translated by the page's language switch. */
function translated(text: Text, tag: string, key: keyof MobileStrings, attributes = ''): string {
  return `<${tag}${attributes} data-i18n="${key}">${escapeHtml(text(key))}</${tag}>`
}

function field(text: Text, test: string, label: keyof MobileStrings, input: string): string {
  return `<label>${translated(text, 'span', label)}<input data-test="${test}" ${input} required></label>`
}

function loginBody(text: Text): string {
  return `<main>
<form data-test="m-login-form" class="card">
  ${translated(text, 'h1', 'loginTitle')}
  ${field(text, 'm-account', 'account', 'name="account" autocomplete="username" inputmode="text" maxlength="64"')}
  ${field(text, 'm-password', 'password', 'name="password" type="password" autocomplete="current-password" maxlength="200"')}
  ${translated(text, 'button', 'submit', ' type="submit" class="primary" data-test="m-submit"')}
</form>
<form data-test="m-change-form" class="card" hidden>
  ${translated(text, 'h1', 'changeTitle')}
  ${translated(text, 'p', 'changeHint')}
  ${field(text, 'm-new-password', 'newPassword', 'name="newPassword" type="password" autocomplete="new-password" minlength="8" maxlength="200"')}
  ${field(text, 'm-confirm-password', 'confirmPassword', 'name="confirmPassword" type="password" autocomplete="new-password" minlength="8" maxlength="200"')}
  ${translated(text, 'button', 'changeSubmit', ' type="submit" class="primary" data-test="m-change-submit"')}
</form>
<section data-test="m-identities" class="card" hidden>
  ${translated(text, 'h1', 'identitiesTitle')}
  ${translated(text, 'p', 'identitiesHint')}
  <ul class="identities"></ul>
</section>
<p class="error" data-test="m-error" role="alert" hidden></p>
</main>`
}

function homeBody(text: Text): string {
  return `<main data-test="m-home" hidden>
<section class="card">
  <h1 data-test="m-user-name"></h1>
  <p class="muted" data-field="school"></p>
  ${translated(text, 'p', 'homeHint')}
</section>
${translated(text, 'a', 'notices', ' class="button primary" href="/m/notices" data-test="m-notices-link"')}
${translated(text, 'a', 'courses', ' class="button" href="/m/courses" data-test="m-courses-link"')}
<section class="card" data-test="m-devices">
  ${translated(text, 'h2', 'devicesTitle')}
  <ul class="devices" data-test="m-device-list"></ul>
  ${translated(text, 'button', 'devicesSignOutOthers', ' type="button" data-test="m-devices-sign-out-others"')}
</section>
${translated(text, 'a', 'switchIdentity', ' class="button" href="/m/login" data-test="m-switch"')}
${translated(text, 'button', 'logout', ' type="button" data-test="m-logout"')}
<p class="error" data-test="m-error" role="alert" hidden></p>
</main>`
}

function qrBody(text: Text): string {
  return `<main>
<section class="card">
  ${translated(text, 'h1', 'qrTitle')}
  ${translated(text, 'p', 'qrLoading', ' data-field="loading"')}
  <div data-field="request" hidden>
    ${translated(text, 'p', 'qrAsk')}
    <dl>
      ${translated(text, 'dt', 'qrDevice')}<dd class="device" data-test="m-qr-device"></dd>
      ${translated(text, 'dt', 'qrTime')}<dd data-test="m-qr-time"></dd>
      ${translated(text, 'dt', 'qrAddress')}<dd data-test="m-qr-address"></dd>
    </dl>
    ${translated(text, 'p', 'qrWarning', ' class="warning"')}
    ${translated(text, 'button', 'qrConfirm', ' type="button" class="primary big" data-test="m-qr-confirm"')}
    ${translated(text, 'button', 'qrReject', ' type="button" class="big" data-test="m-qr-reject"')}
  </div>
  <p class="result" data-test="m-qr-result" role="status" hidden></p>
</section>
</main>`
}

function inboxBody(text: Text): string {
  return `<main data-test="m-inbox" hidden>
${translated(text, 'h1', 'inboxTitle')}
${translated(text, 'p', 'newNotice', ' class="banner" data-test="m-new-notice" role="status" hidden')}
${translated(text, 'p', 'inboxEmpty', ' class="card muted" data-test="m-inbox-empty" hidden')}
<ul class="notices" data-test="m-notice-list"></ul>
<p class="error" data-test="m-error" role="alert" hidden></p>
</main>`
}

function noticeBody(text: Text): string {
  return `<main data-test="m-notice" hidden>
${translated(text, 'a', 'back', ' class="back" href="/m/notices" data-test="m-back"')}
<article class="card">
  <h1 data-test="m-notice-title"></h1>
  <p class="muted" data-test="m-notice-meta"></p>
  <p class="concerns" data-test="m-notice-students" hidden></p>
  <div class="body" data-test="m-notice-body"></div>
  <section data-field="links" hidden>${translated(text, 'h2', 'links')}<ul data-test="m-notice-links"></ul></section>
  <section data-field="attachments" hidden>${translated(text, 'h2', 'attachments')}<ul data-test="m-notice-attachments"></ul></section>
</article>
<form class="card" data-test="m-answer-form" novalidate hidden>
  ${translated(text, 'h2', 'formTitle')}
  <div data-field="questions"></div>
  ${translated(text, 'p', 'formClosed', ' class="muted" data-test="m-form-closed" hidden')}
  ${translated(text, 'button', 'answerSubmit', ' type="submit" class="primary" data-test="m-answer-submit"')}
  <p class="result" data-test="m-answer-status" role="status" hidden></p>
</form>
<p class="error" data-test="m-error" role="alert" hidden></p>
</main>`
}

function coursesBody(text: Text): string {
  return `<main data-test="m-courses" hidden>
${translated(text, 'a', 'back', ' class="back" href="/m/" data-test="m-back"')}
${translated(text, 'h1', 'coursesTitle')}
${translated(text, 'p', 'coursesEmpty', ' class="card muted" data-test="m-courses-empty" hidden')}
<ul class="courses" data-test="m-course-list"></ul>
<p class="error" data-test="m-error" role="alert" hidden></p>
</main>`
}

function courseBody(text: Text): string {
  return `<main data-test="m-course" hidden>
${translated(text, 'a', 'back', ' class="back" href="/m/courses" data-test="m-back"')}
<section class="card">
  <h1 data-test="m-course-title"></h1>
  <p class="muted" data-test="m-course-lecturer"></p>
  <p class="body" data-test="m-course-description"></p>
  <details class="contents">${translated(text, 'summary', 'chapters')}<ol data-test="m-course-chapters"></ol></details>
</section>
<article class="card" data-test="m-chapter">
  <h2 data-test="m-chapter-title"></h2>
  ${translated(text, 'p', 'chapterNoFiles', ' class="muted" data-test="m-chapter-empty" hidden')}
  <div class="files" data-test="m-chapter-files"></div>
  <nav class="steps">
    ${translated(text, 'a', 'previousChapter', ' class="button" data-test="m-chapter-previous"')}
    ${translated(text, 'a', 'nextChapter', ' class="button" data-test="m-chapter-next"')}
  </nav>
</article>
<p class="error" data-test="m-error" role="alert" hidden></p>
</main>`
}

const BODIES: Record<MobilePage, (text: Text) => string> = {
  login: loginBody,
  home: homeBody,
  qr: qrBody,
  notices: inboxBody,
  notice: noticeBody,
  courses: coursesBody,
  course: courseBody,
}

function langSwitch(current: MobileLang): string {
  const buttons = MOBILE_LANGS.map(
    (lang) =>
      `<button type="button" data-lang="${lang}" aria-pressed="${lang === current}">${LANG_LABELS[lang]}</button>`,
  )
  return `<nav class="langs" data-test="m-langs">${buttons.join('')}</nav>`
}

// `<` is escaped so that no string can end the data block early.
const jsonBlock = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

/** The whole page. No inline script or style: the CSP allows only `/m/app.js` and `/m/app.css`. */
export function renderPage(page: MobilePage, lang: MobileLang): string {
  const text: Text = (key) => MOBILE_STRINGS[lang][key]
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${translated(text, 'title', page === 'qr' ? 'qrTitle' : 'appName')}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/m/app.css">
<script type="module" src="/m/app.js"></script>
</head>
<body data-page="${page}">
<header>${translated(text, 'span', 'appName', ' class="brand"')}${langSwitch(lang)}</header>
${BODIES[page](text)}
<script type="application/json" id="m-strings">${jsonBlock(MOBILE_STRINGS)}</script>
</body>
</html>
`
}
