import { describe, expect, it } from 'vitest'
import {
  InvalidArgumentError,
  MAX_DIAGNOSTIC_LOG_CHARS,
  argumentsOf,
  diagnosticLog,
  externalUrl,
  fileName,
  noArguments,
  openFileRequest,
  saveFileRequest,
  secretKey,
  secretValue,
} from './validate.ts'

const xlsx = [{ name: 'Excel', extensions: ['xlsx'] }]

describe('argumentsOf', () => {
  it('checks each argument and returns them in order', () => {
    expect(argumentsOf(secretKey, secretValue)(['auth.refresh', 'token'])).toEqual(['auth.refresh', 'token'])
  })

  it('refuses missing and extra arguments', () => {
    expect(() => argumentsOf(secretKey)([])).toThrow(InvalidArgumentError)
    expect(() => argumentsOf(secretKey)(['a', 'b'])).toThrow(/expected 1 argument/)
    expect(() => noArguments(['unexpected'])).toThrow(InvalidArgumentError)
    expect(noArguments([])).toEqual([])
  })

  it('names the argument that failed', () => {
    expect(() => argumentsOf(secretKey, secretValue)(['ok', 42])).toThrow(/argument 2 must be a string/)
  })
})

describe('secretKey', () => {
  it('accepts short identifiers', () => {
    expect(secretKey('auth.refresh-token:demo', 'key')).toBe('auth.refresh-token:demo')
  })

  it('refuses non-strings, empty, odd characters and long keys', () => {
    for (const value of [undefined, null, 1, {}, '', '../secrets', 'a b', '.hidden', 'k'.repeat(129)]) {
      expect(() => secretKey(value, 'key')).toThrow(InvalidArgumentError)
    }
  })
})

describe('fileName', () => {
  it('accepts names with spaces, dots and Chinese', () => {
    expect(fileName('初一(1)班 课表.xlsx', 'name')).toBe('初一(1)班 课表.xlsx')
  })

  it('refuses paths, traversal, reserved characters and control characters', () => {
    for (const value of [
      '../evil.exe',
      '..\\evil.exe',
      '/etc/passwd',
      'C:\\Windows\\win.ini',
      'a:b.txt',
      'report?.pdf',
      'x\u0000.txt',
      '..',
      '.',
      '   ',
      '',
      'n'.repeat(256),
    ]) {
      expect(() => fileName(value, 'name')).toThrow(InvalidArgumentError)
    }
  })
})

describe('saveFileRequest', () => {
  it('accepts text and bytes and rebuilds the request without extra fields', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const request = { defaultName: 'a.xlsx', filters: xlsx, data: bytes, extra: 'dropped' }
    expect(saveFileRequest(request, 'request')).toEqual({ defaultName: 'a.xlsx', filters: xlsx, data: bytes })
    expect(saveFileRequest({ defaultName: 'a.csv', filters: [], data: 'a,b' }, 'request').data).toBe('a,b')
  })

  it('refuses bad filters', () => {
    const bad = [
      { name: 'x', extensions: ['.exe'] },
      { name: 'x', extensions: 'xlsx' },
      { name: 1, extensions: ['xlsx'] },
      null,
    ]
    for (const filter of bad) {
      expect(() => saveFileRequest({ defaultName: 'a', filters: [filter], data: '' }, 'request')).toThrow(
        InvalidArgumentError,
      )
    }
  })

  it('refuses data that is neither text nor bytes', () => {
    for (const data of [undefined, 1, [1, 2], { length: 1 }, new ArrayBuffer(2)]) {
      expect(() => saveFileRequest({ defaultName: 'a', filters: [], data }, 'request')).toThrow(
        /data must be/,
      )
    }
  })

  it('refuses a name that is a path', () => {
    expect(() => saveFileRequest({ defaultName: '../../x', filters: [], data: '' }, 'request')).toThrow(
      /defaultName/,
    )
  })
})

describe('openFileRequest', () => {
  it('keeps only the filters', () => {
    expect(openFileRequest({ filters: xlsx, path: '/etc/passwd' }, 'request')).toEqual({ filters: xlsx })
  })

  it('refuses a request without filters', () => {
    expect(() => openFileRequest({}, 'request')).toThrow(/filters must be an array/)
    expect(() => openFileRequest('x', 'request')).toThrow(/must be an object/)
  })
})

describe('diagnosticLog', () => {
  it('accepts a JSON array', () => {
    expect(diagnosticLog('[]', 'log')).toBe('[]')
    expect(diagnosticLog('[{"message":"x"}]', 'log')).toBe('[{"message":"x"}]')
  })

  it('refuses anything else, and a log beyond its size', () => {
    for (const value of [42, null, '', '{"a":1}', 'not json', '"text"']) {
      expect(() => diagnosticLog(value, 'log'), String(value)).toThrow(InvalidArgumentError)
    }
    const huge = `[${'"x",'.repeat(MAX_DIAGNOSTIC_LOG_CHARS / 4)}"x"]`
    expect(() => diagnosticLog(huge, 'log')).toThrow(/at most/)
  })
})

describe('externalUrl', () => {
  it('accepts http(s) addresses such as a public article link', () => {
    const link = 'http://192.168.1.20:7420/site/demo/articles/a1'
    expect(externalUrl(link, 'url')).toBe(link)
  })

  it('refuses other schemes, credentials, non-strings and very long addresses', () => {
    for (const value of [
      undefined,
      42,
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://host/share',
      'https://user:pass@school.example/',
      `https://school.example/${'a'.repeat(2048)}`,
    ]) {
      expect(() => externalUrl(value, 'url')).toThrow(InvalidArgumentError)
    }
  })
})
