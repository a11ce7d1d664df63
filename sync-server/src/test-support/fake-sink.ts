import type { StreamSink } from '../realtime/hub.ts'

/** A stream's sink in memory: what was written, as given and as text, and whether it was closed. */
export class FakeSink implements StreamSink {
  written: (string | Buffer)[] = []
  closed = false
  bufferedBytes = 0
  get chunks(): string[] {
    return this.written.map(String)
  }
  write(chunk: string | Buffer): void {
    this.written.push(chunk)
  }
  close(): void {
    this.closed = true
  }
}
