import type { Editor } from '@tiptap/vue-3'

/** A formatting button of the rich-text toolbar: its glyph, the locale key of its name, its shortcut. */
export interface FormatButton {
  id: string
  glyph: string
  shortcut: string
  run: (editor: Editor) => void
  active?: (editor: Editor) => boolean
}

function markButton(id: string, glyph: string, shortcut: string): FormatButton {
  return {
    id,
    glyph,
    shortcut,
    run: (editor) => editor.chain().focus().toggleMark(id).run(),
    active: (editor) => editor.isActive(id),
  }
}

export const FORMAT_BUTTONS: FormatButton[] = [
  markButton('bold', 'B', 'Ctrl+B'),
  markButton('italic', 'I', 'Ctrl+I'),
  markButton('underline', 'U', 'Ctrl+U'),
  markButton('strike', 'S', 'Ctrl+Shift+S'),
  markButton('subscript', 'x₂', 'Ctrl+,'),
  markButton('superscript', 'x²', 'Ctrl+.'),
  {
    id: 'bulletList',
    glyph: '•',
    shortcut: 'Ctrl+Shift+8',
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
    active: (editor) => editor.isActive('bulletList'),
  },
  {
    id: 'orderedList',
    glyph: '1.',
    shortcut: 'Ctrl+Shift+7',
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
    active: (editor) => editor.isActive('orderedList'),
  },
  { id: 'undo', glyph: '↶', shortcut: 'Ctrl+Z', run: (editor) => editor.chain().focus().undo().run() },
  { id: 'redo', glyph: '↷', shortcut: 'Ctrl+Shift+Z', run: (editor) => editor.chain().focus().redo().run() },
]
