import { describe, expect, it } from 'vitest'
import {
  blankCount,
  emptyContent,
  firstVersion,
  fitBlanks,
  insertAfter,
  moveEntry,
  nextBlankNumber,
  normaliseStemHtml,
  renumberBlanks,
  replacingPatch,
  stemImages,
  typeContent,
} from './editing.ts'
import { questionProblems } from './rules.ts'
import { QUESTION_TYPES, TYPE_FIELDS, type Blank } from './types.ts'

const SHA_A = 'a'.repeat(64)
const SHA_B = 'b'.repeat(64)

function blank(answer: string): Blank {
  return { id: answer, answers: [answer] }
}

describe('emptyContent', () => {
  it.each(QUESTION_TYPES)('gives %s only its own fields', (type) => {
    const fields = Object.keys(emptyContent(type))
    for (const field of fields) expect(TYPE_FIELDS[type]).toContain(field)
  })

  it('starts a choice question with four empty, unmarked options of distinct ids', () => {
    const options = emptyContent('single_choice').options ?? []
    expect(options).toHaveLength(4)
    expect(options.every((o) => o.text === '' && !o.correct)).toBe(true)
    expect(new Set(options.map((o) => o.id)).size).toBe(4)
  })

  it('leaves the true/false answer unchosen and lets an attachment question take one file', () => {
    expect(emptyContent('true_false').answer).toBeUndefined()
    expect(emptyContent('attachment').maxFiles).toBe(1)
  })
})

describe('typeContent', () => {
  it('keeps only the fields of the type', () => {
    const source = { options: [], answer: true, maxFiles: 3, blanks: [] }
    expect(typeContent('true_false', source)).toEqual({ answer: true })
    expect(typeContent('single_choice', source)).toEqual({ options: [] })
  })

  it('gives a valid question no fieldOfOtherType problem after switching the content', () => {
    const content = typeContent('attachment', { ...emptyContent('single_choice'), maxFiles: 2 })
    const question = {
      id: 'q',
      kind: 'question' as const,
      schoolId: 's',
      updatedAt: 0,
      type: 'attachment' as const,
      stem: '<p>Upload</p>',
      subjectId: 'm',
      authorId: 'u',
      status: 'draft' as const,
      createdAt: 0,
      lineageId: 'q',
      version: 1,
      images: [],
      attachments: [],
      ...content,
    }
    expect(questionProblems(question)).toEqual([])
  })
})

describe('firstVersion and replacingPatch', () => {
  const fields = {
    type: 'true_false' as const,
    subjectId: 'math',
    stem: '<p>3 + 3 = 9</p>',
    images: [],
    attachments: [],
    answer: false,
  }

  it('starts a lineage of its own at version 1, as a draft of its author', () => {
    const created = firstVersion(fields, { id: 'q1', authorId: 'li', status: 'draft', now: 5 })
    expect(created).toMatchObject({ id: 'q1', lineageId: 'q1', version: 1, authorId: 'li', createdAt: 5 })
    expect(questionProblems({ ...created, schoolId: 's', updatedAt: 5 })).toEqual([])
  })

  it('clears the type fields the edited question no longer has', () => {
    const patch = replacingPatch({ ...fields, explanation: undefined })
    expect(patch).toMatchObject({ answer: false, subjectId: 'math' })
    for (const field of [
      'options',
      'items',
      'pairs',
      'blanks',
      'maxFiles',
      'referenceAnswer',
      'explanation',
    ]) {
      expect(patch).toHaveProperty(field, undefined)
    }
  })
})

describe('moveEntry and insertAfter', () => {
  it('moves an entry up and down', () => {
    expect(moveEntry(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveEntry(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
  })

  it('leaves the list as it is when the move would leave it', () => {
    expect(moveEntry(['a', 'b'], 0, -1)).toEqual(['a', 'b'])
    expect(moveEntry(['a', 'b'], 1, 1)).toEqual(['a', 'b'])
  })

  it('inserts after an index or at the end', () => {
    expect(insertAfter(['a', 'c'], 0, 'b')).toEqual(['a', 'b', 'c'])
    expect(insertAfter(['a'], -1, 'z')).toEqual(['a', 'z'])
  })
})

describe('blanks', () => {
  it('counts up to the highest placeholder and numbers the next one after it', () => {
    expect(blankCount('<p>no blanks</p>')).toBe(0)
    expect(blankCount('<p>{{1}} and {{3}}</p>')).toBe(3)
    expect(nextBlankNumber('<p>{{2}} {{1}}</p>')).toBe(3)
  })

  it('grows the pool to the count and never drops answers', () => {
    const pool = [blank('x'), blank('y')]
    expect(fitBlanks(pool, 1)).toEqual(pool)
    const grown = fitBlanks(pool, 3)
    expect(grown.slice(0, 2)).toEqual(pool)
    expect(grown[2]?.answers).toEqual([])
  })

  it('lets each blank follow its placeholder when renumbering', () => {
    const one = blank('1')
    const two = blank('2')
    const three = blank('3')
    // {{2}} was deleted: {{1}} {{3}} becomes {{1}} {{2}}, with blank 3's answers; blank 2 is kept at the end.
    expect(renumberBlanks([1, 3], [one, two, three])).toEqual([one, three, two])
  })

  it('gives a placeholder inserted before the others a new blank', () => {
    const one = blank('1')
    const two = blank('2')
    const renumbered = renumberBlanks([3, 1, 2], [one, two])
    expect(renumbered[0]?.answers).toEqual([])
    expect(renumbered.slice(1)).toEqual([one, two])
  })

  it('gives a repeated placeholder a blank of its own', () => {
    const one = blank('1')
    const renumbered = renumberBlanks([1, 1], [one])
    expect(renumbered[0]).toBe(one)
    expect(renumbered[1]?.answers).toEqual([])
  })
})

describe('stemImages', () => {
  it('lists the known references of the images shown, in stem order, once each', () => {
    const a = { sha256: SHA_A, name: 'a.png', size: 1, mime: 'image/png' }
    const b = { sha256: SHA_B, name: 'b.png', size: 1, mime: 'image/png' }
    const stem = `<p><img data-blob="${SHA_B}" alt="b"></p><img data-blob="${SHA_A}" alt="a"><img data-blob="${SHA_B}" alt="b">`
    expect(stemImages(stem, [a, b])).toEqual([b, a])
    expect(stemImages('<p>text</p>', [a])).toEqual([])
  })
})

describe('normaliseStemHtml', () => {
  it('keeps the allowed tags without their attributes', () => {
    const html =
      '<p class="x" style="color:red"><strong>b</strong><em>i</em><u>u</u><s>s</s><sub>2</sub><sup>3</sup></p>' +
      '<ol start="1" type="1"><li><p>one</p></li></ol><ul><li><p>two<br class="hard"></p></li></ul>'
    expect(normaliseStemHtml(html)).toBe(
      '<p><strong>b</strong><em>i</em><u>u</u><s>s</s><sub>2</sub><sup>3</sup></p>' +
        '<ol><li><p>one</p></li></ol><ul><li><p>two<br></p></li></ul>',
    )
  })

  it('stores an image as data-blob and alt only, never its object URL', () => {
    const html = `<p>see <img src="blob:http://localhost/123" class="stem-image" data-blob="${SHA_A.toUpperCase()}" alt="graph.png" width="20"></p>`
    expect(normaliseStemHtml(html)).toBe(`<p>see <img data-blob="${SHA_A}" alt="graph.png"></p>`)
  })

  it('drops an image without a blob and other tags, keeping their text', () => {
    const html = '<h1>Title</h1><p><a href="x">link</a><img src="data:image/png;base64,AA"><span>t</span></p>'
    expect(normaliseStemHtml(html)).toBe('Title<p>linkt</p>')
  })

  it('maps b, i and strike to the stored tags', () => {
    expect(normaliseStemHtml('<p><b>b</b><i>i</i><strike>s</strike></p>')).toBe(
      '<p><strong>b</strong><em>i</em><s>s</s></p>',
    )
  })

  it('gives an empty editor an empty stem and keeps blanks placeholders', () => {
    expect(normaliseStemHtml('<p></p>')).toBe('')
    expect(normaliseStemHtml('<p><br></p><p></p>')).toBe('')
    expect(normaliseStemHtml('<p>1 + 1 = {{1}}</p>')).toBe('<p>1 + 1 = {{1}}</p>')
  })
})
