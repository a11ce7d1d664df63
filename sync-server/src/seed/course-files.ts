// The small real files of the demo course: a one-page PDF and a PNG made here, and the shipped WebM video.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'
import type { BlobRef } from '../../../domain/blobs/blob-ref.ts'

export interface DemoFile {
  ref: BlobRef
  bytes: Buffer
}

function demoFile(name: string, mime: string, bytes: Buffer): DemoFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { ref: { sha256, name, size: bytes.length, mime }, bytes }
}

/** A valid one-page PDF showing `lines` (ASCII) in Helvetica. */
export function textPdf(lines: readonly string[]): Buffer {
  const text = lines
    .map(
      (line, i) =>
        `BT /F1 ${i === 0 ? 20 : 12} Tf 60 ${760 - i * 28} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`,
    )
    .join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ]
  let pdf = '%PDF-1.4\n'
  const offsets = objects.map((body, i) => {
    const offset = Buffer.byteLength(pdf)
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
    return offset
  })
  const xref = Buffer.byteLength(pdf)
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** A `width`×`height` RGB PNG: a spectrum of light, as the optics chapter's picture. */
export function spectrumPng(width: number, height: number): Buffer {
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x += 1) {
      const hue = (x / width) * 300
      const channel = (offset: number) => {
        const k = (offset + hue / 60) % 6
        return Math.round(255 * (1 - Math.max(0, Math.min(k, 4 - k, 1))) * (1 - (0.4 * y) / height))
      }
      row.set([channel(5), channel(3), channel(1)], 1 + x * 3)
    }
    return row
  })
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** The demo course's files (about 60 KB in all). */
export function demoCourseFiles(): { handout: DemoFile; picture: DemoFile; video: DemoFile } {
  return {
    handout: demoFile(
      '第一章讲义.pdf',
      'application/pdf',
      textPdf([
        'Fun Physics - Chapter 1: Motion and Force',
        "Newton's first law: a body keeps its state of motion unless a force acts on it.",
        "Newton's second law: F = m a.",
        "Newton's third law: every action has an equal and opposite reaction.",
        'Exercise: a 2 kg cart is pushed with 6 N. What is its acceleration?',
      ]),
    ),
    picture: demoFile('光谱.png', 'image/png', spectrumPng(240, 80)),
    video: demoFile(
      '抛体运动.webm',
      'video/webm',
      readFileSync(new URL('./assets/demo-video.webm', import.meta.url)),
    ),
  }
}
