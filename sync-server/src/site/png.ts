import { crc32, deflateSync } from 'node:zlib'

export type Rgb = readonly [number, number, number]

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A truecolour PNG of `width` × `height` whose pixel at (x, y) is `pixel(x, y)`: real images for the demo
 * micro-site and the tests, made without any image library.
 */
export function png(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits per sample, RGB, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y += 1) {
    const start = y * (width * 3 + 1)
    rows[start] = 0 // filter: none
    for (let x = 0; x < width; x += 1) rows.set(pixel(x, y), start + 1 + x * 3)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A diagonal gradient from `from` to `to`: a pleasant stand-in for a photo. */
export function gradientPng(width: number, height: number, from: Rgb, to: Rgb): Buffer {
  return png(width, height, (x, y) => {
    const t = (x / width + y / height) / 2
    return [0, 1, 2].map((i) =>
      Math.round((from[i] ?? 0) + ((to[i] ?? 0) - (from[i] ?? 0)) * t),
    ) as unknown as Rgb
  })
}
