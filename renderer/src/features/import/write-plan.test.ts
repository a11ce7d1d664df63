import { describe, expect, it } from 'vitest'
import { testBook } from '../../../../domain/org/import/testing.ts'
import { emptyWrites, type ImportWrites, type WriteKind } from '../../../../domain/org/import/report.ts'
import { writePlan, type KindWriter } from './write-plan.ts'

const book = testBook()

function writes(change: Partial<ImportWrites> = {}): ImportWrites {
  return { ...emptyWrites(), ...change }
}

/** Writes in halves (two progress reports per kind); refuses the kinds in `refused`. */
function writer(refused: WriteKind[] = []) {
  const calls: WriteKind[] = []
  const write: KindWriter = async (kind, docs, onProgress) => {
    calls.push(kind)
    if (refused.includes(kind)) throw new Error(`${kind} refused`)
    onProgress(Math.floor(docs.length / 2))
    onProgress(docs.length)
  }
  return { write, calls }
}

describe('writePlan', () => {
  it('writes the kinds that have documents, referenced kinds first, with progress over all of them', async () => {
    const { write, calls } = writer()
    const progress: [number, number][] = []
    const outcome = await writePlan(
      writes({ guardian: [...book.guardians], student: [...book.students], class: [...book.classes] }),
      write,
      (done, total) => progress.push([done, total]),
    )
    expect(outcome).toEqual({ written: ['class', 'student', 'guardian'] })
    expect(calls).toEqual(['class', 'student', 'guardian'])
    expect(progress).toEqual([
      [0, 6],
      [2, 6],
      [4, 6],
      [4, 6],
      [5, 6],
      [5, 6],
      [6, 6],
    ])
  })

  it('stops at the first refused kind and says which kinds were written before it', async () => {
    const { write, calls } = writer(['student'])
    const outcome = await writePlan(
      writes({ staff: [...book.staff], student: [...book.students], guardian: [...book.guardians] }),
      write,
      () => undefined,
    )
    expect(outcome.written).toEqual(['staff'])
    expect(outcome.failure).toEqual(new Error('student refused'))
    expect(calls).toEqual(['staff', 'student'])
  })

  it('reports a refusal of the first kind with nothing written', async () => {
    const { write } = writer(['department'])
    const outcome = await writePlan(writes({ department: [...book.departments] }), write, () => undefined)
    expect(outcome).toEqual({ written: [], failure: new Error('department refused') })
  })
})
