import type { WireDocument } from '../../../domain/documents.ts'

/**
 * A document state without its `_attachments` when they are empty. RxDB's schema migration (issue 18) adds
 * `_attachments: {}` to the assumed master states it moves to the new version, while the fork's states and the
 * server's documents have none: compared or sent as they are, every migrated document would be pushed again and
 * its first edit taken by the server for a conflict.
 */
export function withoutEmptyAttachments<T extends WireDocument>(state: T): T {
  const { _attachments: attachments, ...rest } = state as T & { _attachments?: object }
  return attachments && Object.keys(attachments).length > 0 ? state : (rest as T)
}
