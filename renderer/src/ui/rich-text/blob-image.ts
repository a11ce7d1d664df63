import { Node } from '@tiptap/vue-3'

export interface BlobImageOptions {
  /** The object URL that shows a blob on this PC (null while it is missing: offline, not downloaded). */
  resolveUrl: (sha256: string) => Promise<string | null>
}

/**
 * An image of rich text, kept as `<img data-blob="<sha256>" alt>`: the editor shows it through the blob
 * cache's object URL, set on the node view only, so the HTML it produces never holds a `src`.
 */
export const BlobImage = Node.create<BlobImageOptions>({
  name: 'blobImage',
  group: 'inline',
  inline: true,
  atom: true,
  draggable: true,

  addOptions() {
    return { resolveUrl: async () => null }
  },

  addAttributes() {
    return {
      blob: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-blob'),
        renderHTML: (attributes) => ({ 'data-blob': attributes.blob }),
      },
      alt: { default: '' },
    }
  },

  parseHTML() {
    return [{ tag: 'img[data-blob]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['img', HTMLAttributes]
  },

  addNodeView() {
    const resolveUrl = this.options.resolveUrl
    return ({ node }) => {
      const image = document.createElement('img')
      image.className = 'stem-image'
      image.alt = String(node.attrs.alt ?? '')
      image.dataset.blob = String(node.attrs.blob)
      void resolveUrl(String(node.attrs.blob)).then((url) => {
        if (url) image.src = url
      })
      return { dom: image }
    }
  },
})
