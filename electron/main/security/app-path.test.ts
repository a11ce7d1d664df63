import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentTypeFor, resolveAppFile } from './app-path.ts'

const root = resolve('/opt/campus-desk/out/renderer')

describe('resolveAppFile', () => {
  it('serves index.html for the root and for directories', () => {
    expect(resolveAppFile(root, 'app://campus-desk/')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://campus-desk')).toBe(join(root, 'index.html'))
    expect(resolveAppFile(root, 'app://campus-desk/assets/')).toBe(join(root, 'assets', 'index.html'))
  })

  it('maps paths inside the root, ignoring query and hash', () => {
    expect(resolveAppFile(root, 'app://campus-desk/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js'),
    )
    expect(resolveAppFile(root, 'app://campus-desk/fonts/%E6%A5%B7%E4%BD%93.woff2')).toBe(
      join(root, 'fonts', '楷体.woff2'),
    )
  })

  it('keeps plain dot segments inside the root (the URL parser resolves them first)', () => {
    expect(resolveAppFile(root, 'app://campus-desk/a/../../../etc/passwd')).toBe(join(root, 'etc', 'passwd'))
    expect(resolveAppFile(root, 'app://campus-desk/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(root, 'etc', 'passwd'),
    )
  })

  it('refuses encoded traversal that only decoding reveals', () => {
    expect(resolveAppFile(root, 'app://campus-desk/..%2f..%2f..%2fetc/passwd')).toBeNull()
    expect(resolveAppFile(root, 'app://campus-desk/assets/..%2F..%2F..%2Fsecrets.json')).toBeNull()
    expect(resolveAppFile(root, 'app://campus-desk/%2e%2e%2f%2e%2e%2fmain/index.js')).toBeNull()
  })

  it('refuses a sibling directory that shares the root as a prefix', () => {
    expect(resolveAppFile(root, 'app://campus-desk/..%2frenderer-evil/x.js')).toBeNull()
  })

  it('refuses backslashes, NUL bytes and malformed escapes', () => {
    expect(resolveAppFile(root, 'app://campus-desk/..%5c..%5cmain%5cindex.js')).toBeNull()
    expect(resolveAppFile(root, 'app://campus-desk/index.html%00.png')).toBeNull()
    expect(resolveAppFile(root, 'app://campus-desk/%E0%A4%A')).toBeNull()
  })

  it('refuses other hosts and schemes', () => {
    expect(resolveAppFile(root, 'app://campus-desk.evil/index.html')).toBeNull()
    expect(resolveAppFile(root, 'app://evil/index.html')).toBeNull()
    expect(resolveAppFile(root, 'file:///opt/campus-desk/out/renderer/index.html')).toBeNull()
    expect(resolveAppFile(root, 'not a url')).toBeNull()
  })

  it('keeps file names that merely start with two dots', () => {
    expect(resolveAppFile(root, 'app://campus-desk/..hidden.txt')).toBe(join(root, '..hidden.txt'))
  })
})

describe('contentTypeFor', () => {
  it('types what a Vite build emits', () => {
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('/r/assets/index-abc.js')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('/r/assets/element-plus.CSS')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('/r/fonts/noto.woff2')).toBe('font/woff2')
  })

  it('never guesses an executable type for the unknown', () => {
    expect(contentTypeFor('/r/data.bin')).toBe('application/octet-stream')
    expect(contentTypeFor('/r/LICENSE')).toBe('application/octet-stream')
  })
})
