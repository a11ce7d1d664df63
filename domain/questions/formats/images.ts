/** Stem images between question files (`data-file` / `@@PLUGINFILE@@` names) and the blob store (`data-blob`). */
import type { BlobRef } from '../../blobs/blob-ref.ts'
import type { Question } from '../types.ts'
import { bytesToBase64, skip, type Skipped } from './common.ts'
import { imageTag, imageTags } from './html.ts'
import type { BlobBytes, ParsedQuestion } from './types.ts'

export interface ResolvedImages {
  /** The stem with `<img data-blob="<sha256>">` instead of `data-file`. */
  stem: string
  /** The images the stem shows, once each, for the question's `images`. */
  images: BlobRef[]
  /** The bytes to store, once per distinct content. */
  files: { ref: BlobRef; bytes: Uint8Array }[]
}

async function replaceImages(stem: string, replace: (attributes: Record<string, string>) => Promise<string>) {
  let result = stem
  for (const { tag, attributes } of imageTags(stem)) result = result.replace(tag, await replace(attributes))
  return result
}

/** Hashes the files a parsed question's stem shows and points the stem at them by SHA-256. */
export async function resolveImportedImages(
  parsed: ParsedQuestion,
  hash: (bytes: Uint8Array) => Promise<string>,
): Promise<ResolvedImages> {
  const files: ResolvedImages['files'] = []
  const stem = await replaceImages(parsed.content.stem, async (attributes) => {
    const file = parsed.files.find((candidate) => candidate.name === attributes['data-file'])
    if (!file) return ''
    const sha256 = await hash(file.bytes)
    if (!files.some((known) => known.ref.sha256 === sha256)) {
      files.push({
        ref: { sha256, name: file.name, size: file.bytes.length, mime: file.mime },
        bytes: file.bytes,
      })
    }
    return imageTag({ 'data-blob': sha256, alt: attributes.alt ?? '' })
  })
  return { stem, images: files.map((file) => file.ref), files }
}

/** A name not yet used in the question: `photo.png`, then `photo-2.png`, …. */
function uniqueName(name: string, used: Set<string>): string {
  const dot = name.lastIndexOf('.')
  const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  let candidate = name
  for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}${extension}`
  used.add(candidate)
  return candidate
}

export interface ExportableStem {
  /** The stem with `<img src="@@PLUGINFILE@@/<name>">`. */
  html: string
  files: { name: string; base64: string }[]
}

/**
 * The stem for Moodle XML: each image named as a file of the question and embedded. An image whose bytes are
 * not available is left out and reported (`imageUnavailable`); the question is exported without it.
 */
export async function exportableStem(
  question: Question,
  bytesOf: BlobBytes,
  skipped: Skipped[],
): Promise<ExportableStem> {
  const files: ExportableStem['files'] = []
  const nameBySha = new Map<string, string>()
  const used = new Set<string>()
  const html = await replaceImages(question.stem, async (attributes) => {
    const sha256 = attributes['data-blob'] ?? ''
    let name = nameBySha.get(sha256)
    if (!name) {
      const bytes = sha256 ? await bytesOf(sha256) : null
      if (!bytes) {
        skipped.push(
          skip(question.id, 'imageUnavailable', `an image of the stem is not on this device and is left out`),
        )
        return ''
      }
      const ref = question.images.find((image) => image.sha256 === sha256)
      name = uniqueName(ref?.name ?? `image-${sha256.slice(0, 8)}.png`, used)
      nameBySha.set(sha256, name)
      files.push({ name, base64: bytesToBase64(bytes) })
    }
    return imageTag({ src: `@@PLUGINFILE@@/${encodeURIComponent(name)}`, alt: attributes.alt ?? '' })
  })
  return { html, files }
}

/** The stem without its images, for formats that cannot carry them (reported once as `imageDropped`). */
export function stemWithoutImages(question: Question, skipped: Skipped[]): string {
  const tags = imageTags(question.stem)
  if (!tags.length) return question.stem
  skipped.push(skip(question.id, 'imageDropped', 'the images of the stem cannot be carried and are left out'))
  return tags.reduce((stem, { tag }) => stem.replace(tag, ''), question.stem)
}
