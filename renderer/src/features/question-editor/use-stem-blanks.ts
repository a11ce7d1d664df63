import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type { Editor } from '@tiptap/vue-3'
import { nextBlankNumber } from '../../../../domain/questions/editing.ts'

interface PlaceholderRange {
  from: number
  to: number
  number: number
}

const PLACEHOLDER = /\{\{(\d+)\}\}/g

function placeholderRanges(doc: ProseMirrorNode): PlaceholderRange[] {
  const ranges: PlaceholderRange[] = []
  doc.descendants((node, pos) => {
    for (const match of node.isText ? (node.text ?? '').matchAll(PLACEHOLDER) : []) {
      const from = pos + match.index
      ranges.push({ from, to: from + match[0].length, number: Number(match[1]) })
    }
  })
  return ranges
}

export function blanksInOrder(editor: Editor): boolean {
  return placeholderRanges(editor.state.doc).every((range, index) => range.number === index + 1)
}

/**
 * Fill-in-the-blank placeholders `{{n}}` in the stem editor: inserted at the caret and renumbered 1, 2, … in
 * the order they appear. `onRenumber` gets the placeholders' old numbers in their new order.
 */
export function renumberBlanks(editor: Editor, onRenumber: (numbers: number[]) => void): void {
  const ranges = placeholderRanges(editor.state.doc)
  // Not an undo step: the blank rows were reordered with the numbers, so undoing only the numbers would
  // pair the placeholders with the wrong answers.
  const tr = editor.state.tr.setMeta('addToHistory', false)
  for (const [index, range] of [...ranges.entries()].reverse()) {
    tr.insertText(`{{${index + 1}}}`, range.from, range.to)
  }
  onRenumber(ranges.map((range) => range.number))
  editor.view.dispatch(tr)
}

export function insertBlank(editor: Editor, stem: string, onRenumber: (numbers: number[]) => void): void {
  editor
    .chain()
    .focus()
    .insertContent(`{{${nextBlankNumber(stem)}}}`)
    .run()
  if (!blanksInOrder(editor)) renumberBlanks(editor, onRenumber)
}
