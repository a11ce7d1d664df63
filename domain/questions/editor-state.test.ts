import { describe, expect, it } from 'vitest'
import type { BlobRef } from '../blobs/blob-ref.ts'
import {
  activeBlanks,
  editRefusal,
  editedFields,
  editorStateOf,
  isQuestionType,
  newEditorState,
  questionBeingEdited,
  withBlankAnswers,
  withKnownImage,
} from './editor-state.ts'
import { question, teacher } from './testing.ts'

const sha = (c: string) => c.repeat(64)
const image = (c: string): BlobRef => ({ sha256: sha(c), name: `${c}.png`, size: 1, mime: 'image/png' })

describe('question editor state', () => {
  it('knows the question types', () => {
    expect(isQuestionType('fill_blank')).toBe(true)
    expect(isQuestionType('essay')).toBe(false)
    expect(isQuestionType(undefined)).toBe(false)
  })

  it('starts a new question with the empty rows of its type and every list present', () => {
    const state = newEditorState('ordering')
    expect(state.type).toBe('ordering')
    expect(state.content.items).toHaveLength(2)
    expect(state.content.options).toEqual([])
    expect(state.content.referenceAnswer).toBe('')
  })

  it('opens a stored question as a copy', () => {
    const stored = question({ explanation: undefined })
    const state = editorStateOf(stored)
    expect(state).toMatchObject({
      type: 'single_choice',
      subjectId: 'math',
      stem: '<p>1+2=?</p>',
      explanation: '',
    })
    Object.assign(state.content.options[0] ?? {}, { text: 'changed' })
    expect(state.content.options[0]?.text).toBe('changed')
    expect(stored.options?.[0]?.text).toBe('3')
  })

  it('lets a user edit only their own drafts', () => {
    expect(editRefusal(undefined, teacher.id)).toBe('notFound')
    expect(editRefusal(question({ status: 'published' }), teacher.id)).toBe('publishedReadOnly')
    expect(editRefusal(question(), 'someone-else')).toBe('notYours')
    expect(editRefusal(question(), teacher.id)).toBeNull()
  })

  it('saves only the type’s own fields, without empty optional texts', () => {
    const state = newEditorState('short_answer')
    state.content.options = [{ id: 'x', text: 'left over', correct: true }]
    state.explanation = '   '
    state.content.referenceAnswer = ''
    expect(editedFields({ ...state, stem: '<p>Why?</p>', subjectId: 'math' })).toEqual({
      type: 'short_answer',
      subjectId: 'math',
      stem: '<p>Why?</p>',
      explanation: undefined,
      images: [],
      attachments: [],
    })
  })

  it('saves the blanks the stem asks for, keeping the rest in the pool', () => {
    const state = {
      ...newEditorState('fill_blank'),
      stem: '<p>{{1}} and {{2}}</p>',
      blankPool: [
        { id: 'a', answers: ['x'] },
        { id: 'b', answers: ['y'] },
        { id: 'c', answers: ['kept for an undo'] },
      ],
    }
    expect(activeBlanks(state).map((blank) => blank.id)).toEqual(['a', 'b'])
    expect(editedFields(state).blanks?.map((blank) => blank.id)).toEqual(['a', 'b'])
  })

  it('saves the images the stem still shows', () => {
    const state = {
      ...newEditorState('true_false'),
      stem: `<p><img data-blob="${sha('b')}" alt=""></p>`,
      knownImages: [image('a'), image('b')],
    }
    expect(editedFields(state).images).toEqual([image('b')])
  })

  it('knows each image once, and replaces one blank’s answers', () => {
    expect(withKnownImage([image('a')], image('a'))).toEqual([image('a')])
    expect(withKnownImage([image('a')], image('b'))).toEqual([image('a'), image('b')])
    const pool = [
      { id: 'a', answers: ['1'] },
      { id: 'b', answers: ['2'] },
    ]
    expect(withBlankAnswers(pool, 1, ['two', 'II'])).toEqual([
      { id: 'a', answers: ['1'] },
      { id: 'b', answers: ['two', 'II'] },
    ])
  })

  it('checks a new question as a first draft of its author', () => {
    const fields = editedFields(newEditorState('true_false'))
    expect(questionBeingEdited(fields, null, teacher)).toMatchObject({
      id: 'new',
      lineageId: 'new',
      version: 1,
      status: 'draft',
      authorId: teacher.id,
      schoolId: 'demo',
      type: 'true_false',
    })
  })

  it('checks an edited question with its own identity and version, and the edited fields', () => {
    const stored = question({ id: 'q7', lineageId: 'q1', version: 3, createdAt: 50, status: 'published' })
    const fields = { ...editedFields(editorStateOf(stored)), stem: '<p>new</p>' }
    expect(questionBeingEdited(fields, stored, teacher)).toMatchObject({
      id: 'q7',
      lineageId: 'q1',
      version: 3,
      createdAt: 50,
      status: 'draft',
      stem: '<p>new</p>',
    })
  })
})
