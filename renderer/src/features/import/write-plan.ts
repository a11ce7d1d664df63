import { writeCount } from '../../../../domain/org/import/report-view.ts'
import { WRITE_ORDER, type ImportWrites, type WriteKind } from '../../../../domain/org/import/report.ts'

/** Writes the documents of one kind, all or nothing, telling how many are written so far. */
export type KindWriter = <K extends WriteKind>(
  kind: K,
  docs: ImportWrites[K],
  onProgress: (done: number) => void,
) => Promise<void>

export interface PlanWriteOutcome {
  /** The kinds written in full, in order. */
  written: WriteKind[]
  /** Why the next kind was refused; the kinds after it were not tried. */
  failure?: unknown
}

/**
 * Writes an import's documents kind by kind in `WRITE_ORDER` (referenced kinds first), skipping empty kinds;
 * `onProgress` counts over every document of the import. Stops at the first kind that is refused.
 */
export async function writePlan(
  writes: ImportWrites,
  write: KindWriter,
  onProgress: (done: number, total: number) => void,
): Promise<PlanWriteOutcome> {
  const total = writeCount(writes)
  const written: WriteKind[] = []
  let offset = 0
  onProgress(0, total)
  try {
    for (const kind of WRITE_ORDER) {
      const docs = writes[kind]
      if (!docs.length) continue
      await write(kind, docs, (done) => onProgress(offset + done, total))
      offset += docs.length
      written.push(kind)
    }
    return { written }
  } catch (failure) {
    return { written, failure }
  }
}
