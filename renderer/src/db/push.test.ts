import { describe, expect, it, vi } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import { ApiError, NetworkError } from './api-client.ts'
import { RefusalBook, UnansweredPushBook } from './conflict-handler.ts'
import { createPushHandler, pushIsolatingRefusals, type ReplicaPushRow } from './push.ts'

function doc(id: string, name = id): WireDocument {
  return {
    id,
    kind: 'subject',
    schoolId: 'demo',
    updatedAt: 1,
    name,
    enabled: true,
    _deleted: false,
  } as WireDocument
}

function row(id: string, assumed: WireDocument | null = null): ReplicaPushRow {
  return { assumedMasterState: assumed ?? undefined, newDocumentState: doc(id, `${id}!`) }
}

/** A server that refuses any request containing one of `bad` (nothing written), else answers no conflicts. */
function refusingSender(bad: string[]) {
  return vi.fn(async (rows: ReplicaPushRow[]) => {
    const refused = rows.find((r) => bad.includes(r.newDocumentState.id))
    if (refused) throw new ApiError(403, 'forbidden', `subject ${refused.newDocumentState.id}: only admins`)
    return []
  })
}

describe('pushIsolatingRefusals', () => {
  it('sends everything in one request when nothing is refused', async () => {
    const send = refusingSender([])
    const outcome = await pushIsolatingRefusals(
      ['a', 'b', 'c'].map((id) => row(id)),
      send,
    )
    expect(outcome).toEqual({ conflicts: [], refused: [] })
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('isolates refused rows and still sends the others', async () => {
    const send = refusingSender(['b', 'e'])
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => row(id))
    const outcome = await pushIsolatingRefusals(rows, send)
    expect(outcome.refused.map((r) => [r.row.newDocumentState.id, r.message])).toEqual([
      ['b', 'subject b: only admins'],
      ['e', 'subject e: only admins'],
    ])
    const written = send.mock.calls
      .filter((_, i) => send.mock.settledResults[i]?.type === 'fulfilled')
      .flatMap(([sent]) => sent.map((r) => r.newDocumentState.id))
    expect(written.sort()).toEqual(['a', 'c', 'd', 'f'])
  })

  it('lets network errors through so RxDB retries the whole batch', async () => {
    const send = vi.fn(async () => {
      throw new NetworkError('fetch failed')
    })
    await expect(pushIsolatingRefusals([row('a'), row('b')], send)).rejects.toThrow(NetworkError)
    expect(send).toHaveBeenCalledTimes(1)
  })
})

describe('createPushHandler', () => {
  it('answers a refused row as a conflict with the server state and notes the refusal', async () => {
    const refusals = new RefusalBook()
    const stored = doc('b')
    const handler = createPushHandler('catalog', refusingSender(['b', 'n']), {
      refusals,
      unanswered: new UnansweredPushBook(),
    })
    const refusedUpdate = row('b', stored)
    const refusedCreate = row('n')
    const conflicts = await handler([row('a'), refusedUpdate, refusedCreate])
    expect(conflicts).toEqual([stored, { ...refusedCreate.newDocumentState, _deleted: true }])
    expect(refusals.take('catalog', refusedUpdate.newDocumentState)).toBe('subject b: only admins')
    expect(refusals.take('catalog', refusedCreate.newDocumentState)).toBe('subject n: only admins')
  })

  it('does not send rows that change nothing', async () => {
    const send = refusingSender([])
    const same = doc('a')
    await createPushHandler('catalog', send, {
      refusals: new RefusalBook(),
      unanswered: new UnansweredPushBook(),
    })([{ assumedMasterState: same, newDocumentState: same }])
    expect(send).not.toHaveBeenCalled()
  })

  it('notes the states of a push that got no answer until a push of the document is answered without a conflict', async () => {
    const unanswered = new UnansweredPushBook()
    const edited = row('a')
    let answer: () => Promise<WireDocument[]> = () => Promise.reject(new NetworkError('network cut'))
    const handler = createPushHandler('catalog', () => answer(), { refusals: new RefusalBook(), unanswered })
    await expect(handler([edited])).rejects.toThrow(NetworkError)
    expect(unanswered.isOwn('catalog', edited.newDocumentState)).toBe(true)
    expect(unanswered.isOwn('org', edited.newDocumentState)).toBe(false)

    const deleted = row('a', doc('a'))
    deleted.newDocumentState = { ...deleted.newDocumentState, _deleted: true }
    answer = async () => [edited.newDocumentState]
    await handler([deleted])
    expect(unanswered.isOwn('catalog', edited.newDocumentState)).toBe(true)

    answer = async () => []
    await handler([deleted])
    expect(unanswered.isOwn('catalog', edited.newDocumentState)).toBe(false)
  })
})
