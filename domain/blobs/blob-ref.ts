/**
 * A reference to large content (an image, a PDF, a video) kept in the blob store (`/api/blobs/:sha256`, DESIGN
 * §4): documents hold only this; the bytes are uploaded and downloaded apart, addressed by their SHA-256.
 */
export interface BlobRef {
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string
  /** The file name to show and to save as. */
  name: string
  /** Bytes. */
  size: number
  mime: string
}

export const SHA256_PATTERN = '^[0-9a-f]{64}$'

export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value)
}

/** JSON Schema of a `BlobRef`, for the kinds that reference blobs. */
export const blobRefSchema = {
  type: 'object',
  properties: {
    sha256: { type: 'string', pattern: SHA256_PATTERN },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    size: { type: 'integer', minimum: 0 },
    mime: { type: 'string', minLength: 1, maxLength: 255 },
  },
  required: ['sha256', 'name', 'size', 'mime'],
  additionalProperties: false,
} as const

export const blobRefListSchema = { type: 'array', items: blobRefSchema, maxItems: 50 } as const
