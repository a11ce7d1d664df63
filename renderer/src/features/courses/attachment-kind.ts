import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'

/** How the viewer shows a file: inline (PDF, image, video, audio) or as a download (Office files and the rest). */
export type AttachmentKind = 'pdf' | 'image' | 'video' | 'audio' | 'download'

const EXTENSIONS: Record<string, AttachmentKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  svg: 'image',
  mp4: 'video',
  webm: 'video',
  ogv: 'video',
  mov: 'video',
  mp3: 'audio',
  m4a: 'audio',
  ogg: 'audio',
  wav: 'audio',
}

/**
 * By MIME type first, else by the name's extension (a file picked without a type). A PDF only by its type: it is
 * shown in a frame, which must never get anything but the PDF viewer.
 */
export function attachmentKind(blob: Pick<BlobRef, 'mime' | 'name'>): AttachmentKind {
  const mime = blob.mime.toLowerCase()
  if (mime === 'application/pdf') return 'pdf'
  for (const kind of ['image', 'video', 'audio'] as const) if (mime.startsWith(`${kind}/`)) return kind
  const extension = blob.name.toLowerCase().split('.').pop() ?? ''
  return (blob.name.includes('.') && EXTENSIONS[extension]) || 'download'
}

/**
 * The type the viewer gives the bytes it shows: a PDF frame always gets `application/pdf` (whatever the bytes, the
 * browser's PDF viewer shows them, so a file passed off as a PDF can never run as a page), media their own type, a
 * file to download an opaque one.
 */
export function shownType(kind: AttachmentKind, mime: string): string {
  if (kind === 'pdf') return 'application/pdf'
  return kind === 'download' ? 'application/octet-stream' : mime
}
