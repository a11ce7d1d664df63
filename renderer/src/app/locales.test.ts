import { describe, expect, it } from 'vitest'
import { MESSAGES, type MessageTree as Tree } from './messages.ts'

const { 'zh-CN': zhCN, 'zh-TW': zhTW, en } = MESSAGES

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : entries(value, `${prefix}${key}.`),
  )
}

const locales: Record<string, Tree> = MESSAGES

describe('locales', () => {
  it('have the same keys in every language', () => {
    const keys = (tree: Tree) => entries(tree).map(([key]) => key)
    expect(keys(zhTW)).toEqual(keys(zhCN))
    expect(keys(en)).toEqual(keys(zhCN))
  })

  it('use no vue-i18n syntax characters except {placeholders}', () => {
    for (const [locale, tree] of Object.entries(locales)) {
      for (const [key, message] of entries(tree)) {
        expect(message.replace(/\{\w+\}/g, ''), `${locale} ${key}`).not.toMatch(/[{}@$|]/)
      }
    }
  })

  it('use the same placeholders in every language (in any order)', () => {
    const placeholders = (tree: Tree) =>
      entries(tree).map(([key, message]) => [
        key,
        [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(),
      ])
    expect(placeholders(zhTW)).toEqual(placeholders(zhCN))
    expect(placeholders(en)).toEqual(placeholders(zhCN))
  })
})
