import { Extension } from '@tiptap/vue-3'

/**
 * Ctrl+Home / Ctrl+End move the caret through ProseMirror rather than the browser. Pressed just after the
 * editor gets focus, a browser move can leave the DOM caret where focusing put it; ProseMirror then takes it for
 * "not moved" and restores the caret it remembered, so the caret jumped back. A move in ProseMirror's own state
 * is the caret it restores.
 */
export const DocumentEdges = Extension.create({
  name: 'documentEdges',
  addKeyboardShortcuts() {
    return {
      'Mod-Home': () => this.editor.commands.focus('start'),
      'Mod-End': () => this.editor.commands.focus('end'),
    }
  },
})
