import type { StreamSink } from '../realtime/hub.ts'

/** A stream's sink in memory: what was written, as text and as given, and whether it was closed. */
export class FakeSink implements StreamSink {
  chunks: string[] = []
  written: (string | Buffer)[] = []
  closed = false
  bufferedBytes = 0
  write(chunk: string | Buffer): void {
    this.chunks.push(chunk.toString())
    this.written.push(chunk)
  }
  close(): void {
    this.closed = true
  }
}
