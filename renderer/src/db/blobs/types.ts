import type { Observable } from 'rxjs'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import type { FailedUpload } from './upload-queue.ts'

/**
 * The PC's side of the blob store (DESIGN §4): bytes kept on this PC by SHA-256, downloads cached, uploads
 * queued until the server has them (the queue survives a restart). One per session.
 */
export interface BlobCache {
  /**
   * Hashes the bytes, keeps them on this PC and queues their upload. The reference can go into a document at
   * once, offline too: the document syncs anyway and the bytes follow.
   */
  add(bytes: Blob, name: string): Promise<BlobRef>
  /** The bytes: from this PC, else downloaded (and kept); null when neither has them (offline, missing). */
  get(sha256: string): Promise<Blob | null>
  /** An object URL for `get`'s bytes, made once per blob and revoked on `close()`; null like `get`. */
  objectUrl(sha256: string): Promise<string | null>
  /** How many blobs are still waiting to be uploaded (current count first; refused ones not counted). */
  readonly pendingUploads$: Observable<number>
  /** The hashes of the blobs still waiting to be uploaded (refused ones not included), as `pendingUploads$`. */
  readonly waitingUploads$: Observable<string[]>
  /**
   * Blobs the server refused for good (too large, hash mismatch), oldest first: they stay on this PC and are not
   * retried by themselves, so the user must be shown them.
   */
  readonly failedUploads$: Observable<FailedUpload[]>
  /**
   * Why uploading broke off (this PC's file store failed), null while uploads run normally; retried every poll.
   */
  readonly uploadProblem$: Observable<string | null>
  /** Puts a refused blob back in line and tries it now. */
  retryUpload(sha256: string): Promise<void>
  /** Gives up uploading a refused blob (its bytes stay on this PC). */
  dismissUpload(sha256: string): Promise<void>
  /** Fires when the server may be reachable again: a blob that was not available may download now. */
  readonly reconnected$: Observable<unknown>
  /** Uploads what is queued now (also runs by itself when the network comes back and every 30 s). */
  flush(): Promise<void>
  /** Stops the queue and revokes the object URLs. */
  close(): Promise<void>
  /** Deletes this PC's copy of the cache and queue ("remove my data from this PC"). */
  remove(): Promise<void>
}
