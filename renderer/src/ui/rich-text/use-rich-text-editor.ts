import StarterKit from '@tiptap/starter-kit'
import { useEditor } from '@tiptap/vue-3'
import { ElMessage } from 'element-plus'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { useBlobCache } from '../blobs/use-blob-cache.ts'
import { BlobImage } from './blob-image.ts'
import { DocumentEdges } from './document-edges.ts'
import { Subscript, Superscript } from './marks.ts'
import { reasonOf } from '../reason-of.ts'

export interface RichTextEditorContext {
  /** The HTML (normalised), read once at start and followed when changed from outside. */
  html: () => string
  onHtml: (html: string) => void
  /** Reduces the editor's HTML to the stored subset (e.g. `normaliseStemHtml`). */
  normalise: (html: string) => string
  /** An image was added to the blob store and inserted. */
  onImage: (image: BlobRef) => void
  /** `data-test` of the editable area. */
  testId: string
}

function imageFiles(list: FileList | null | undefined): File[] {
  return [...(list ?? [])].filter((file) => file.type.startsWith('image/'))
}

/**
 * TipTap limited to the app's rich-text subset (no headings, code, quotes or links), images kept in the blob
 * store (picked, pasted or dropped) as `<img data-blob>`: the stored HTML never holds a URL.
 */
export function useRichTextEditor(context: RichTextEditorContext) {
  const { t } = useI18n()
  const blobs = useBlobCache()
  let lastEmitted = context.html()

  const editor = useEditor({
    content: lastEmitted,
    extensions: [
      StarterKit.configure({
        blockquote: false,
        code: false,
        codeBlock: false,
        heading: false,
        horizontalRule: false,
        link: false,
      }),
      Subscript,
      Superscript,
      DocumentEdges,
      BlobImage.configure({ resolveUrl: (sha256) => blobs.objectUrl(sha256) }),
    ],
    editorProps: {
      attributes: { class: 'rich-text-editor__content', 'data-test': context.testId },
      handlePaste: (_view, event) => insertDroppedImages(imageFiles(event.clipboardData?.files)),
      handleDrop: (view, event, _slice, moved) => {
        if (moved) return false
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos
        return insertDroppedImages(imageFiles(event.dataTransfer?.files), at)
      },
    },
    onUpdate: ({ editor: current }) => {
      lastEmitted = context.normalise(current.getHTML())
      context.onHtml(lastEmitted)
    },
  })

  watch(context.html, (html) => {
    if (html !== lastEmitted) editor.value?.commands.setContent(html, { emitUpdate: false })
    lastEmitted = html
  })

  function insertDroppedImages(files: File[], at?: number): boolean {
    if (!files.length) return false
    void insertImages(files, at)
    return true
  }

  async function insertImages(files: readonly File[], at?: number): Promise<void> {
    for (const file of files) {
      try {
        const image = await blobs.add(file, file.name)
        context.onImage(image)
        const node = { type: BlobImage.name, attrs: { blob: image.sha256, alt: image.name } }
        // Storing the image takes a moment: a user who has moved on to another field keeps typing there.
        const chain = focusIsInAnotherField() ? editor.value?.chain() : editor.value?.chain().focus()
        if (at === undefined) chain?.insertContent(node).run()
        else chain?.insertContentAt(at, node).run()
      } catch (error) {
        ElMessage.error(t('richText.imageFailed', { name: file.name, reason: reasonOf(error) }))
      }
    }
  }

  function focusIsInAnotherField(): boolean {
    const active = document.activeElement
    if (!active || editor.value?.view.dom.contains(active)) return false
    return active.matches('input, textarea, select, [contenteditable="true"]')
  }

  return { editor, insertImages }
}
