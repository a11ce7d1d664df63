import StarterKit from '@tiptap/starter-kit'
import { useEditor, type Editor } from '@tiptap/vue-3'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { ElMessage } from 'element-plus'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { nextBlankNumber, normaliseStemHtml } from '../../../../domain/questions/editing.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { BlobImage } from './blob-image.ts'
import { Subscript, Superscript } from './stem-marks.ts'
import { reasonOf } from './use-question-save.ts'

interface StemEditorContext {
  /** The stem HTML (normalised), read once at start and followed when changed from outside. */
  stem: () => string
  onStem: (stem: string) => void
  /** An image was added to the blob store and inserted. */
  onImage: (image: BlobRef) => void
  /** The placeholders were renumbered 1, 2, …; `numbers` holds their old numbers in order. */
  onRenumber: (numbers: number[]) => void
}

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

function imageFiles(list: FileList | null | undefined): File[] {
  return [...(list ?? [])].filter((file) => file.type.startsWith('image/'))
}

/**
 * The rich-text stem: TipTap limited to the stem's subset (no headings, code, quotes or links), images kept
 * in the blob store (picked, pasted or dropped) and, for fill-in-the-blank, `{{n}}` placeholders inserted and
 * renumbered in the order they appear.
 */
export function useStemEditor(context: StemEditorContext) {
  const { t } = useI18n()
  const blobs = useBlobCache()
  let lastEmitted = context.stem()

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
      BlobImage.configure({ resolveUrl: (sha256) => blobs.objectUrl(sha256) }),
    ],
    editorProps: {
      attributes: { class: 'stem-editor__content', 'data-test': 'stem-input' },
      handlePaste: (_view, event) => insertDroppedImages(imageFiles(event.clipboardData?.files)),
      handleDrop: (view, event, _slice, moved) => {
        if (moved) return false
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos
        return insertDroppedImages(imageFiles(event.dataTransfer?.files), at)
      },
    },
    onUpdate: ({ editor: current }) => {
      lastEmitted = normaliseStemHtml(current.getHTML())
      context.onStem(lastEmitted)
    },
  })

  watch(context.stem, (stem) => {
    if (stem !== lastEmitted) editor.value?.commands.setContent(stem, { emitUpdate: false })
    lastEmitted = stem
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
        const chain = editor.value?.chain().focus()
        if (at === undefined) chain?.insertContent(node).run()
        else chain?.insertContentAt(at, node).run()
      } catch (error) {
        ElMessage.error(t('questionEditor.imageFailed', { name: file.name, reason: reasonOf(error) }))
      }
    }
  }

  function renumberBlanks(): void {
    const current = editor.value
    if (!current) return
    const ranges = placeholderRanges(current.state.doc)
    // Not an undo step: the blank rows were reordered with the numbers, so undoing only the numbers would
    // pair the placeholders with the wrong answers.
    const tr = current.state.tr.setMeta('addToHistory', false)
    for (const [index, range] of [...ranges.entries()].reverse()) {
      tr.insertText(`{{${index + 1}}}`, range.from, range.to)
    }
    context.onRenumber(ranges.map((range) => range.number))
    current.view.dispatch(tr)
  }

  function blanksInOrder(target: Editor): boolean {
    return placeholderRanges(target.state.doc).every((range, index) => range.number === index + 1)
  }

  function insertBlank(): void {
    const current = editor.value
    if (!current) return
    current
      .chain()
      .focus()
      .insertContent(`{{${nextBlankNumber(lastEmitted)}}}`)
      .run()
    if (!blanksInOrder(current)) renumberBlanks()
  }

  return { editor, insertImages, insertBlank, renumberBlanks, blanksInOrder }
}
