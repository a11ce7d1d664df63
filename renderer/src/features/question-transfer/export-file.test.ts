import { describe, expect, it } from 'vitest'
import { parseQuestionRows } from '../../../../domain/questions/formats/excel.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import { readTables } from '../../ui/excel/workbook.ts'
import { exportFile, questionsIn, skippedLines } from './export-file.ts'

const question = (id: string, extra: Partial<Question>): Question => ({
  id,
  kind: 'question',
  schoolId: 's',
  updatedAt: 0,
  type: 'true_false',
  stem: '<p>The sky is blue on a clear day, seen from the ground at noon.</p>',
  answer: true,
  subjectId: 'math',
  authorId: 't',
  status: 'published',
  createdAt: 0,
  lineageId: id,
  version: 1,
  images: [],
  attachments: [],
  ...extra,
})
const sources = {
  bytesOf: async () => null,
  subjectName: () => '数学',
  locale: 'en' as const,
  sheetName: 'Questions',
}
const ordering = question('o', {
  type: 'ordering',
  answer: undefined,
  items: [
    { id: 'a', text: '1' },
    { id: 'b', text: '2' },
  ],
})

describe('exportFile', () => {
  it('writes Moodle XML and GIFT text, with what they could not carry', async () => {
    const moodle = await exportFile('moodle', [question('q', {}), ordering], sources)
    expect(moodle.data).toContain('<question type="ordering">')
    expect(moodle.skipped).toEqual([])
    const gift = await exportFile('gift', [question('q', {}), ordering], sources)
    expect(gift.data).toContain('\tTRUE\n}')
    expect(gift.skipped.map((s) => [s.questionId, s.code])).toEqual([['o', 'unsupportedType']])
  })

  it('writes an Excel file that the import reads back', async () => {
    const file = await exportFile('excel', [question('q', {}), ordering], sources)
    const [sheet] = await readTables(file.data as Uint8Array)
    const back = parseQuestionRows(sheet?.rows ?? [], ['数学'])
    expect(back.issues).toEqual([])
    expect(back.questions.map((q) => [q.content.type, q.subjectName])).toEqual([
      ['true_false', '数学'],
      ['ordering', '数学'],
    ])
  })
})

describe('skippedLines', () => {
  it('names each question by the start of its stem and counts questions once', () => {
    const skipped = [
      { questionId: 'q', code: 'imageDropped', message: 'm1' },
      { questionId: 'q', code: 'attachmentsDropped', message: 'm2' },
    ]
    expect(skippedLines(skipped, [question('q', {})])).toEqual([
      {
        id: 'q-0',
        question: 'The sky is blue on a clear day, seen fr…',
        code: 'imageDropped',
        message: 'm1',
      },
      {
        id: 'q-1',
        question: 'The sky is blue on a clear day, seen fr…',
        code: 'attachmentsDropped',
        message: 'm2',
      },
    ])
    expect(questionsIn(skipped)).toBe(1)
  })
})
