import { describe, expect, it } from 'vitest'
import { splitBlanks } from './stem-html.ts'

// `renderStemHtml` needs a DOM, which the Node test environment does not have: it is checked in the browser.
describe('splitBlanks', () => {
  it('splits text at the blank placeholders, in order', () => {
    expect(splitBlanks('The capital of {{1}} is {{2}}.')).toEqual([
      'The capital of ',
      { blank: 1 },
      ' is ',
      { blank: 2 },
      '.',
    ])
  })

  it('keeps adjacent blanks and drops empty text between them', () => {
    expect(splitBlanks('{{1}}{{12}}')).toEqual([{ blank: 1 }, { blank: 12 }])
  })

  it('leaves text without placeholders, and near-misses, alone', () => {
    expect(splitBlanks('no blanks {1} {{a}} {{ 2 }}')).toEqual(['no blanks {1} {{a}} {{ 2 }}'])
    expect(splitBlanks('')).toEqual([])
  })
})
