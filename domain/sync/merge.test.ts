import { describe, expect, it } from 'vitest'
import type { WireDocument } from '../documents.ts'
import type { Subject } from '../catalog/subject.ts'
import { mergeDocuments } from './merge.ts'

type Doc = WireDocument<Subject>
const base: Doc = {
  id: 's1',
  kind: 'subject',
  schoolId: 'demo',
  updatedAt: 1,
  name: '数学',
  enabled: true,
  _deleted: false,
}

describe('mergeDocuments', () => {
  it('merges edits of different fields without losing any', () => {
    const mine = { ...base, name: '高等数学', updatedAt: 5 }
    const theirs = { ...base, enabled: false, updatedAt: 3 }
    expect(mergeDocuments(base, mine, theirs)).toEqual({
      merged: { ...base, name: '高等数学', enabled: false, updatedAt: 5 },
      lost: [],
    })
  })

  it('keeps the server value and reports the local one when both changed a field', () => {
    const mine = { ...base, name: '数学（A）', enabled: false }
    const theirs = { ...base, name: '数学（B）' }
    const { merged, lost } = mergeDocuments(base, mine, theirs)
    expect(merged.name).toBe('数学（B）')
    expect(merged.enabled).toBe(false)
    expect(lost).toEqual([{ field: 'name', mine: '数学（A）', theirs: '数学（B）' }])
  })

  it('does not report a field both sides changed to the same value', () => {
    const same = { ...base, name: '数学II' }
    expect(mergeDocuments(base, same, same).lost).toEqual([])
  })

  it('handles optional fields added or removed on one side', () => {
    const withCode = { ...base, code: 'math' }
    expect(mergeDocuments(base, withCode, { ...base, enabled: false }).merged).toMatchObject({
      code: 'math',
      enabled: false,
    })
    const { code: _code, ...withoutCode } = withCode
    const merged = mergeDocuments(withCode, withoutCode as Doc, { ...withCode, enabled: false }).merged
    expect('code' in merged).toBe(false)
  })

  it('reports local edits lost to a server delete', () => {
    const mine = { ...base, name: '数学2' }
    const theirs = { ...base, _deleted: true }
    expect(mergeDocuments(base, mine, theirs)).toEqual({
      merged: theirs,
      lost: [{ field: 'name', mine: '数学2', theirs: '数学' }],
    })
    expect(mergeDocuments(base, { ...base, _deleted: true }, theirs).lost).toEqual([])
  })

  it('keeps a server edit over a local delete and reports the delete', () => {
    const mine = { ...base, _deleted: true }
    const theirs = { ...base, name: '数学3' }
    expect(mergeDocuments(base, mine, theirs)).toEqual({
      merged: theirs,
      lost: [{ field: '_deleted', mine: true, theirs: false }],
    })
  })

  it('applies a local delete when the server did not change the document', () => {
    const mine = { ...base, _deleted: true }
    expect(mergeDocuments(base, mine, { ...base, updatedAt: 9 })).toEqual({
      merged: { ...base, updatedAt: 9, _deleted: true },
      lost: [],
    })
  })

  it('without a common base reports every differing field', () => {
    const mine = { ...base, name: 'A', code: 'x' }
    const theirs = { ...base, name: 'B' }
    const { merged, lost } = mergeDocuments(undefined, mine, theirs)
    expect(merged).toEqual(theirs)
    expect(lost.map((l) => l.field).sort()).toEqual(['code', 'name'])
  })
})
