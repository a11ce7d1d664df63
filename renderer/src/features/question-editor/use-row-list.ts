import { nextTick, type Ref } from 'vue'
import { insertAfter, moveEntry } from '../../../../domain/questions/editing.ts'

/** The schema's limit on options, items and pairs. */
export const MAX_ROWS = 26

/**
 * Editing a list of rows (options, items, pairs): add after a row (and focus it, so Enter in a row makes the
 * next one), remove, move up or down. Rows are found by `data-row="<id>"` inside `container`.
 */
export function useRowList<T extends { id: string }>(
  rows: Ref<T[]>,
  makeRow: () => T,
  container: Ref<HTMLElement | null>,
) {
  async function focusRow(id: string): Promise<void> {
    await nextTick()
    container.value
      ?.querySelector<HTMLElement>(`[data-row="${id}"] input, [data-row="${id}"] textarea`)
      ?.focus()
  }

  function add(after = rows.value.length - 1): void {
    if (rows.value.length >= MAX_ROWS) return
    const row = makeRow()
    rows.value = insertAfter(rows.value, after, row)
    void focusRow(row.id)
  }

  function remove(index: number): void {
    rows.value = rows.value.filter((_, i) => i !== index)
  }

  function move(index: number, delta: number): void {
    rows.value = moveEntry(rows.value, index, delta)
  }

  return { add, remove, move }
}
