import { describe, expect, it } from 'vitest'
import { pullHintOf } from './stream-hints.ts'

const event = (name: string, data: unknown) => ({
  event: name,
  data: typeof data === 'string' ? data : JSON.stringify(data),
})

describe('pullHintOf', () => {
  it('pulls the collection a change event names, never from zero', () => {
    expect(pullHintOf(event('change', { collection: 'org', documents: [{ id: 'x' }] }))).toEqual({
      collections: ['org'],
      fromZero: false,
    })
  })

  it('ignores a change of a collection this client does not know', () => {
    expect(pullHintOf(event('change', { collection: 'payroll' }))).toBeNull()
    expect(pullHintOf(event('change', null))).toBeNull()
  })

  it('pulls the known collections a resync names, from zero only when it says so', () => {
    expect(pullHintOf(event('resync', { collections: ['catalog', 'payroll', 'org'] }))).toEqual({
      collections: ['catalog', 'org'],
      fromZero: false,
    })
    expect(pullHintOf(event('resync', { collections: ['org'], fromZero: true }))).toEqual({
      collections: ['org'],
      fromZero: true,
    })
    expect(pullHintOf(event('resync', { collections: ['org'], fromZero: 'yes' }))).toEqual({
      collections: ['org'],
      fromZero: false,
    })
  })

  it('calls an event whose data is not JSON malformed', () => {
    expect(pullHintOf(event('change', '{"collection": "org"'))).toBe('malformed')
    expect(pullHintOf(event('resync', 'not json'))).toBe('malformed')
  })

  it('asks nothing of other events, whatever their data', () => {
    expect(pullHintOf(event('heartbeat', 'not json'))).toBeNull()
    expect(pullHintOf(event('message', { collection: 'org' }))).toBeNull()
  })
})
