import { describe, expect, it } from 'vitest'
import { questionIdsIn, readOnlyReason, sectionPathLabels } from './editor-view.ts'
import { definition } from './testing.ts'

describe('definition editor view', () => {
  it('says why a definition only shows', () => {
    expect(readOnlyReason(definition(), true)).toBeNull()
    expect(readOnlyReason(null, false)).toBeNull()
    expect(readOnlyReason(definition({ status: 'complete' }), false)).toBe('complete')
    expect(readOnlyReason(definition(), false)).toBe('notAuthor')
  })

  it('names each section by its path of titles', () => {
    expect(sectionPathLabels(definition().sections)).toEqual(
      new Map([
        ['1', '第1章'],
        ['2', '第2章'],
        ['2.1', '第2章 / 第2.1章'],
      ]),
    )
  })

  it('knows every question the definition holds, in sub-sections too', () => {
    expect(questionIdsIn(definition().sections)).toEqual(new Set(['q1', 'q2', 'q3']))
    expect(questionIdsIn([])).toEqual(new Set())
  })
})
