import { describe, expect, it } from 'vitest'
import { langOf, MOBILE_LANGS, MOBILE_STRINGS } from './strings.ts'

describe('mobile strings', () => {
  it('picks the first language of Accept-Language that the pages speak', () => {
    expect(langOf(undefined)).toBe('zh-CN')
    expect(langOf('zh-Hant-TW')).toBe('zh-TW')
    expect(langOf('zh-MO,en')).toBe('zh-TW')
    expect(langOf('zh')).toBe('zh-CN')
    expect(langOf('ja;q=1, en-US;q=0.5')).toBe('en')
  })

  it('has every string in every language, with the glossary words for QR login', () => {
    const keys = Object.keys(MOBILE_STRINGS.en).sort()
    for (const lang of MOBILE_LANGS) expect(Object.keys(MOBILE_STRINGS[lang]).sort()).toEqual(keys)
    expect([
      MOBILE_STRINGS['zh-CN'].qrTitle,
      MOBILE_STRINGS['zh-TW'].qrTitle,
      MOBILE_STRINGS.en.qrTitle,
    ]).toEqual(['扫码登录', '掃碼登入', 'Scan to log in'])
  })
})
