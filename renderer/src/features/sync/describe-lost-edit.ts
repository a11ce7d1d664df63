import { WHOLE_DOCUMENT, type LostEdit } from '../../db/index.ts'

type Translate = (key: string) => string
type HasKey = (key: string) => boolean

export interface LostEditView {
  kind: string
  field: string
  mine: string
  theirs: string
}

function value(field: string, raw: unknown, t: Translate): string {
  if (raw === undefined || raw === null || raw === '') return t('common.none')
  if (field === '_deleted') return raw ? t('conflicts.deleted') : t('conflicts.notDeleted')
  if (field === 'enabled' && typeof raw === 'boolean') return raw ? t('common.enabled') : t('common.disabled')
  if (typeof raw === 'boolean') return raw ? t('common.yes') : t('common.no')
  return typeof raw === 'object' ? JSON.stringify(raw) : String(raw)
}

/** A lost edit in the user's words: translated kind and field names, readable values. */
export function describeLostEdit(edit: LostEdit, t: Translate, has: HasKey): LostEditView {
  const label = (key: string, fallback: string) => (has(key) ? t(key) : fallback)
  if (edit.field === WHOLE_DOCUMENT) {
    return {
      kind: label(`kinds.${edit.kind}`, edit.kind),
      field: t('conflicts.wholeDocument'),
      mine: edit.title,
      theirs: t('common.none'),
    }
  }
  return {
    kind: label(`kinds.${edit.kind}`, edit.kind),
    field: label(`fields.${edit.field}`, edit.field),
    mine: value(edit.field, edit.mine, t),
    theirs: value(edit.field, edit.theirs, t),
  }
}
