import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elementEn from 'element-plus/es/locale/lang/en.mjs'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn.mjs'
import elementZhTw from 'element-plus/es/locale/lang/zh-tw.mjs'
import { MESSAGES, type MessageSchema } from './messages.ts'

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const
export type AppLocale = (typeof LOCALES)[number]

const DEFAULT_LOCALE: AppLocale = 'zh-CN'
const STORAGE_KEY = 'campus-desk.locale'

const ELEMENT_LOCALES = { 'zh-CN': elementZhCn, 'zh-TW': elementZhTw, en: elementEn }

export function isAppLocale(value: unknown): value is AppLocale {
  return (LOCALES as readonly unknown[]).includes(value)
}

function storedLocale(): AppLocale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  return isAppLocale(stored) ? stored : DEFAULT_LOCALE
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: MESSAGES as unknown as Record<AppLocale, MessageSchema>,
})

/** The app language, switchable at run time; the choice is remembered. */
export const currentLocale = computed<AppLocale>(() => i18n.global.locale.value)

/** Element Plus's own texts (pagination, pickers, empty states) in the app language. */
export const elementLocale = computed(() => ELEMENT_LOCALES[currentLocale.value])

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  globalThis.document?.documentElement.setAttribute('lang', locale)
}
