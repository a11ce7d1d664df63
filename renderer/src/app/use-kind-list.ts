import { computed, ref, shallowReactive } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BaseDocument } from '../../../domain/documents.ts'
import type { Changes } from '../db/index.ts'
import type { KindStore } from './kind-store.ts'
import { useConfirmDelete } from './use-confirm-delete.ts'
import { useWriteFeedback } from './use-write-feedback.ts'

/** A document with a name (subjects, locations, terms, …): lists label and sort it by that name. */
export interface ListDocument extends BaseDocument {
  name: string
}

/** A document that can be enabled and disabled. */
interface Toggleable {
  enabled: boolean
}

/** How a list names its documents (in the delete confirmation) and orders them. */
export interface KindListOptions<T> {
  label: (doc: T) => string
  /** Compared in the UI language's order, numbers by value (default: the label). */
  sortKey?: (doc: T) => string
}

/** Documents with a `name` are labelled by it unless told otherwise; any other kind must say how. */
type OptionsArgument<T> = [T] extends [ListDocument]
  ? [options?: Partial<KindListOptions<T>>]
  : [options: KindListOptions<T>]

const byName = (doc: BaseDocument): string => (doc as ListDocument).name

/**
 * The logic every such list screen shares: search, sorting in the UI language's order, the permission
 * questions that hide or disable actions, enable/disable (of documents that have `enabled`), delete with
 * confirmation, and the dialog state.
 */
export function useKindList<T extends BaseDocument>(
  store: KindStore<T>,
  searchable: (doc: T) => (string | undefined)[],
  ...[options]: OptionsArgument<T>
) {
  const label: (doc: T) => string = options?.label ?? byName
  const sortKey = options?.sortKey ?? label
  const { t, locale } = useI18n()
  const { run } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const search = ref('')
  const dialog = shallowReactive<{ visible: boolean; editing: T | null }>({ visible: false, editing: null })

  // Sorted once per change of the data or language; filtering then stays linear while typing.
  const sorted = computed(() => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    return [...store.items].sort((a, b) => collator.compare(sortKey(a), sortKey(b)))
  })

  const rows = computed(() => {
    const query = search.value.trim().toLocaleLowerCase()
    if (!query) return sorted.value
    return sorted.value.filter((doc) => searchable(doc).some((v) => v?.toLocaleLowerCase().includes(query)))
  })

  const canWrite = (doc: T): boolean => store.permission(doc, doc).ok
  const canToggle = (doc: T & Toggleable): boolean =>
    store.permission({ ...doc, enabled: !doc.enabled }, doc).ok

  function openCreate(): void {
    dialog.editing = null
    dialog.visible = true
  }

  function openEdit(doc: T): void {
    dialog.editing = doc
    dialog.visible = true
  }

  async function toggle(doc: T & Toggleable): Promise<void> {
    // `T` has `enabled` here (the parameter says so), which TypeScript cannot see through the generic `Changes<T>`.
    const changes = { enabled: !doc.enabled } as unknown as Changes<T>
    await run(() => store.patch(doc.id, changes), t('common.saved'))
  }

  async function remove(doc: T): Promise<void> {
    const confirmed = await confirmDelete(t('common.confirmDelete', { name: label(doc) }))
    if (confirmed) await run(() => store.remove(doc.id), t('common.deleted'))
  }

  return { search, rows, dialog, canWrite, canToggle, openCreate, openEdit, toggle, remove }
}
