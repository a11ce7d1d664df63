import { describe, expect, it } from 'vitest'
import { blankPlaceholders, escapeHtml, stemImageHashes, stemText, textToStem } from './stem.ts'

const sha = 'b'.repeat(64)

describe('stem helpers', () => {
  it('reads the plain text of a stem', () => {
    expect(stemText('<p>氧气的<strong>分子</strong>结构</p><p>A&amp;B &lt;x&gt; &#65;&#x42;&nbsp;</p>')).toBe(
      '氧气的分子结构 A&B <x> AB',
    )
    expect(stemText('<ul><li>one</li><li>two</li></ul>')).toBe('one two')
  })

  it('lists the images and blanks of a stem in order', () => {
    const stem = `<p>{{1}}<img data-blob="${sha}" alt="x"> {{2}}<img alt="y" data-blob="${sha}"></p>`
    expect(stemImageHashes(stem)).toEqual([sha])
    expect(blankPlaceholders(stem)).toEqual([1, 2])
  })

  it('turns plain text into paragraphs, escaped', () => {
    expect(escapeHtml('a<b> & "c"')).toBe('a&lt;b&gt; &amp; &quot;c&quot;')
    expect(textToStem('1 < 2\nok')).toBe('<p>1 &lt; 2</p><p>ok</p>')
  })
})
