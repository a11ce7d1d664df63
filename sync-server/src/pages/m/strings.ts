// The words of the mobile pages in the three UI languages (terms from ../shared/GLOSSARY.md). The server renders
// a page in the phone's language and embeds this table, so the page's language switch needs no request.

export const MOBILE_LANGS = ['zh-CN', 'zh-TW', 'en'] as const
export type MobileLang = (typeof MOBILE_LANGS)[number]

const en = {
  appName: 'Campus Desk',
  loginTitle: 'Log in',
  account: 'Account',
  password: 'Password',
  submit: 'Log in',
  badCredentials: 'Wrong account or password',
  tooMany: 'Too many failed attempts; try again later',
  network: 'Cannot reach the server; check the network',
  serverError: 'Something went wrong: {message}',
  changeTitle: 'Set a new password',
  changeHint:
    'This is your first login with the initial password. Choose a new one of at least 8 characters.',
  newPassword: 'New password',
  confirmPassword: 'New password again',
  changeSubmit: 'Save and continue',
  passwordsDiffer: 'The two new passwords differ',
  passwordTooShort: 'The new password needs at least 8 characters',
  identitiesTitle: 'Log in as',
  identitiesHint: 'This account has several identities. Choose one.',
  role_admin: 'Administrator',
  role_teacher: 'Teacher',
  role_guardian: 'Guardian',
  role_student: 'Student',
  homeHint:
    'To log in on a computer, choose "Scan to log in" there and scan its code with your phone camera.',
  switchIdentity: 'Switch identity',
  logout: 'Log out',
  qrTitle: 'Scan to log in',
  qrAsk: 'A computer asks to log in as you:',
  qrDevice: 'Computer',
  qrTime: 'Requested at',
  qrAddress: 'Network address',
  qrWarning: 'Confirm only if you are at this computer and asked for this code yourself.',
  qrConfirm: 'Confirm login',
  qrReject: 'Reject',
  qrLoading: 'Checking the code…',
  qr_confirmed: 'Confirmed. The computer is logging you in.',
  qr_rejected: 'Rejected. The computer was not logged in.',
  qr_expired: 'This code is no longer valid. Show a fresh code on the computer and scan it again.',
  qr_error: 'This login cannot be confirmed: {message}',
  notices: 'Notices',
  inboxTitle: 'Notices',
  inboxEmpty:
    'No notices yet. Notices from the school and your teachers will appear here, newest first, as soon as they are sent.',
  unread: 'Unread',
  reminded: 'Reminder',
  closed: 'Closed',
  hasForm: 'Form',
  answered: 'Answered',
  concerns: 'About: {message}',
  back: 'Back',
  attachments: 'Attachments',
  links: 'Links',
  formTitle: 'Reply',
  required: 'required',
  answerSubmit: 'Submit',
  answerUpdate: 'Update my reply',
  answerSaved: 'Your reply was sent.',
  answerRequired: 'Please answer "{message}"',
  answerAttachmentOnPc: 'Files for this question are handed in on a computer.',
  formClosed: 'This notice is closed: replies are no longer taken.',
  noticeRecalled: 'This notice was recalled by its sender.',
  noticeMissing: 'This notice cannot be found.',
  newNotice: 'A new notice has arrived.',
}

export type MobileStrings = Record<keyof typeof en, string>

const zhCN: MobileStrings = {
  appName: 'Campus Desk',
  loginTitle: '登录',
  account: '账号',
  password: '密码',
  submit: '登录',
  badCredentials: '账号或密码错误',
  tooMany: '登录失败次数过多，请稍后再试',
  network: '无法连接服务器，请检查网络',
  serverError: '出错了：{message}',
  changeTitle: '设置新密码',
  changeHint: '这是您首次使用初始密码登录，请设置至少 8 位的新密码。',
  newPassword: '新密码',
  confirmPassword: '再次输入新密码',
  changeSubmit: '保存并继续',
  passwordsDiffer: '两次输入的新密码不一致',
  passwordTooShort: '新密码至少需要 8 位',
  identitiesTitle: '选择登录身份',
  identitiesHint: '此账号有多个身份，请选择一个。',
  role_admin: '管理员',
  role_teacher: '教职工',
  role_guardian: '家长',
  role_student: '学生',
  homeHint: '在电脑上登录时，请在电脑上选择“扫码登录”，再用手机相机扫描二维码。',
  switchIdentity: '切换身份',
  logout: '退出登录',
  qrTitle: '扫码登录',
  qrAsk: '以下电脑请求以您的身份登录：',
  qrDevice: '电脑',
  qrTime: '请求时间',
  qrAddress: '网络地址',
  qrWarning: '请仅在您本人正在这台电脑前、并且是您自己打开的二维码时确认。',
  qrConfirm: '确认登录',
  qrReject: '拒绝',
  qrLoading: '正在核对二维码…',
  qr_confirmed: '已确认，电脑正在登录。',
  qr_rejected: '已拒绝，电脑未登录。',
  qr_expired: '此二维码已失效，请在电脑上刷新二维码后重新扫描。',
  qr_error: '无法确认此次登录：{message}',
  notices: '通知',
  inboxTitle: '家校通知',
  inboxEmpty: '还没有通知。学校和老师发来的通知一发送就会出现在这里，最新的在最上面。',
  unread: '未读',
  reminded: '提醒',
  closed: '已截止',
  hasForm: '需回执',
  answered: '已回执',
  concerns: '关于：{message}',
  back: '返回',
  attachments: '附件',
  links: '链接',
  formTitle: '回执',
  required: '必填',
  answerSubmit: '提交回执',
  answerUpdate: '修改回执',
  answerSaved: '回执已提交。',
  answerRequired: '请回答“{message}”',
  answerAttachmentOnPc: '此题的文件请在电脑上提交。',
  formClosed: '此通知已截止，不能再提交回执。',
  noticeRecalled: '此通知已被发送人撤回。',
  noticeMissing: '找不到此通知。',
  newNotice: '收到一条新通知。',
}

const zhTW: MobileStrings = {
  appName: 'Campus Desk',
  loginTitle: '登入',
  account: '帳號',
  password: '密碼',
  submit: '登入',
  badCredentials: '帳號或密碼錯誤',
  tooMany: '登入失敗次數過多，請稍後再試',
  network: '無法連線伺服器，請檢查網路',
  serverError: '發生錯誤：{message}',
  changeTitle: '設定新密碼',
  changeHint: '這是您首次以初始密碼登入，請設定至少 8 位的新密碼。',
  newPassword: '新密碼',
  confirmPassword: '再次輸入新密碼',
  changeSubmit: '儲存並繼續',
  passwordsDiffer: '兩次輸入的新密碼不一致',
  passwordTooShort: '新密碼至少需要 8 位',
  identitiesTitle: '選擇登入身分',
  identitiesHint: '此帳號有多個身分，請選擇一個。',
  role_admin: '管理員',
  role_teacher: '教職員',
  role_guardian: '家長',
  role_student: '學生',
  homeHint: '在電腦上登入時，請在電腦上選擇「掃碼登入」，再用手機相機掃描 QR 碼。',
  switchIdentity: '切換身分',
  logout: '登出',
  qrTitle: '掃碼登入',
  qrAsk: '以下電腦請求以您的身分登入：',
  qrDevice: '電腦',
  qrTime: '請求時間',
  qrAddress: '網路位址',
  qrWarning: '請僅在您本人正在這台電腦前、並且是您自己開啟的 QR 碼時確認。',
  qrConfirm: '確認登入',
  qrReject: '拒絕',
  qrLoading: '正在核對 QR 碼…',
  qr_confirmed: '已確認，電腦正在登入。',
  qr_rejected: '已拒絕，電腦未登入。',
  qr_expired: '此 QR 碼已失效，請在電腦上重新產生 QR 碼後再掃描。',
  qr_error: '無法確認此次登入：{message}',
  notices: '通知',
  inboxTitle: '家校通知',
  inboxEmpty: '還沒有通知。學校和老師發來的通知一傳送就會出現在這裡，最新的在最上面。',
  unread: '未讀',
  reminded: '提醒',
  closed: '已截止',
  hasForm: '需回執',
  answered: '已回執',
  concerns: '關於：{message}',
  back: '返回',
  attachments: '附件',
  links: '連結',
  formTitle: '回執',
  required: '必填',
  answerSubmit: '提交回執',
  answerUpdate: '修改回執',
  answerSaved: '回執已提交。',
  answerRequired: '請回答「{message}」',
  answerAttachmentOnPc: '此題的檔案請在電腦上提交。',
  formClosed: '此通知已截止，不能再提交回執。',
  noticeRecalled: '此通知已被傳送人撤回。',
  noticeMissing: '找不到此通知。',
  newNotice: '收到一則新通知。',
}

export const MOBILE_STRINGS: Record<MobileLang, MobileStrings> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en }

/** Names of the languages in the page's switch, each in its own language. */
export const LANG_LABELS: Record<MobileLang, string> = { 'zh-CN': '简体', 'zh-TW': '繁體', en: 'EN' }

const TRADITIONAL = /^zh-(tw|hk|mo|hant)/i

function langOfTag(tag: string): MobileLang | undefined {
  if (TRADITIONAL.test(tag)) return 'zh-TW'
  if (/^zh\b/i.test(tag)) return 'zh-CN'
  if (/^en\b/i.test(tag)) return 'en'
  return undefined
}

/** The first of the phone's languages (an `Accept-Language` header) that the pages speak; zh-CN otherwise. */
export function langOf(acceptLanguage: string | undefined): MobileLang {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim() ?? '')
    .filter((tag) => tag !== '')
  for (const tag of tags) {
    const lang = langOfTag(tag)
    if (lang) return lang
  }
  return 'zh-CN'
}
