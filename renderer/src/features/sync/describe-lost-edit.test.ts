import { describe, expect, it } from 'vitest'
import type { LostEdit } from '../../db/index.ts'
import { describeLostEdit } from './describe-lost-edit.ts'

const messages: Record<string, string> = {
  'kinds.location': '上课地点',
  'fields.capacity': '容纳人数',
  'fields.enabled': '状态',
  'fields._deleted': '删除',
  'common.none': '（空）',
  'common.enabled': '启用',
  'common.disabled': '停用',
  'common.yes': '是',
  'common.no': '否',
  'conflicts.deleted': '已删除',
  'conflicts.notDeleted': '未删除',
  'conflicts.wholeDocument': '整条新记录',
}
const t = (key: string) => messages[key] ?? key
const has = (key: string) => key in messages

function edit(change: Partial<LostEdit>): LostEdit {
  return {
    id: 'e1',
    collection: 'catalog',
    docId: 'r1',
    kind: 'location',
    title: '301',
    field: 'capacity',
    mine: 40,
    theirs: undefined,
    cause: 'conflict',
    document: {},
    at: 0,
    ...change,
  }
}

describe('describeLostEdit', () => {
  it('translates kind and field, and shows an absent value as empty', () => {
    expect(describeLostEdit(edit({}), t, has)).toEqual({
      kind: '上课地点',
      field: '容纳人数',
      mine: '40',
      theirs: '（空）',
    })
  })

  it('words status, deletion and other booleans', () => {
    expect(describeLostEdit(edit({ field: 'enabled', mine: false, theirs: true }), t, has)).toMatchObject({
      mine: '停用',
      theirs: '启用',
    })
    expect(describeLostEdit(edit({ field: '_deleted', mine: true, theirs: false }), t, has)).toMatchObject({
      field: '删除',
      mine: '已删除',
      theirs: '未删除',
    })
    expect(describeLostEdit(edit({ field: 'multiClass', mine: true, theirs: false }), t, has)).toMatchObject({
      field: 'multiClass',
      mine: '是',
    })
  })

  it('describes a refused new document as a whole', () => {
    expect(describeLostEdit(edit({ field: '*', cause: 'refused' }), t, has)).toEqual({
      kind: '上课地点',
      field: '整条新记录',
      mine: '301',
      theirs: '（空）',
    })
  })
})
