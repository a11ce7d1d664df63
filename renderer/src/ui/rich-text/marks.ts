import { Mark } from '@tiptap/vue-3'

/** A mark stored as one plain tag (no attributes are kept), with a keyboard shortcut. */
function plainTagMark(name: string, tag: string, shortcut: string) {
  return Mark.create({
    name,
    excludes: name === 'subscript' ? 'superscript' : 'subscript',
    parseHTML: () => [{ tag }],
    renderHTML: () => [tag, 0],
    addKeyboardShortcuts() {
      return { [shortcut]: () => this.editor.commands.toggleMark(name) }
    },
  })
}

export const Subscript = plainTagMark('subscript', 'sub', 'Mod-,')
export const Superscript = plainTagMark('superscript', 'sup', 'Mod-.')
