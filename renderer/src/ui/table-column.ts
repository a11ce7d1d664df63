/** A column of `VirtualTable`: `key` names the row field shown, or the `cell-<key>` slot that renders it. */
export interface TableColumn {
  key: string
  title: string
  width: number
  /** Share of the spare width this column takes (0: keeps `width`). */
  flexGrow?: number
  align?: 'left' | 'center' | 'right'
}
