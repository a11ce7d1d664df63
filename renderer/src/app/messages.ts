import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'
import zhTW from './locales/zh-TW.json'

export type MessageTree = { [key: string]: string | MessageTree }
export type MessageSchema = typeof zhCN

type LocaleName = 'zh-CN' | 'zh-TW' | 'en'

// Each feature (or part of one) owns its texts in `features/<feature>[/<part>]/locales/<locale>.json`, under
// one top-level key of its own.
const featureFiles = import.meta.glob<MessageTree>('../features/**/locales/*.json', {
  eager: true,
  import: 'default',
})

function localeOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1, -'.json'.length)
}

/** The app's texts plus every feature's, per locale; a top-level key defined twice is an error. */
function merged(locale: LocaleName, app: MessageTree): MessageTree {
  const result: MessageTree = { ...app }
  for (const [path, tree] of Object.entries(featureFiles)) {
    if (localeOf(path) !== locale) continue
    for (const [key, value] of Object.entries(tree)) {
      if (key in result) throw new Error(`${path}: message key "${key}" is already defined`)
      result[key] = value
    }
  }
  return result
}

export const MESSAGES: Record<LocaleName, MessageTree> = {
  'zh-CN': merged('zh-CN', zhCN),
  'zh-TW': merged('zh-TW', zhTW),
  en: merged('en', en),
}
