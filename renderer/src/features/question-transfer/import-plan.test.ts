import { describe, expect, it } from 'vitest'
import type { Subject } from '../../../../domain/catalog/subject.ts'
import { templateRows } from '../../../../domain/questions/formats/excel.ts'
import { writeTables } from '../../ui/excel/workbook.ts'
import {
  errorCount,
  fileIssues,
  formatOf,
  parseQuestionFile,
  placeOf,
  previewRows,
  questionDraft,
  subjectsOf,
} from './import-plan.ts'

const bytes = (text: string) => new TextEncoder().encode(text)
const subject = (id: string, name: string): Subject => ({
  id,
  kind: 'subject',
  schoolId: 's',
  updatedAt: 0,
  name,
  enabled: true,
})

describe('formatOf', () => {
  it('knows the formats by extension', () => {
    expect(['a.XML', 'b.gift', 'c.txt', 'd.xlsx', 'e.csv', 'noext'].map(formatOf)).toEqual([
      'moodle',
      'gift',
      'gift',
      'excel',
      null,
      null,
    ])
  })
})

describe('parseQuestionFile', () => {
  it('reads GIFT and Moodle XML text (a UTF-8 BOM included)', async () => {
    const gift = await parseQuestionFile('gift', bytes('\uFEFF::T::1+1=2 {T}'), [])
    expect(gift.questions.map((q) => q.content.type)).toEqual(['true_false'])
    const moodle = await parseQuestionFile('moodle', bytes('<quiz><question type="calculated"/></quiz>'), [])
    expect(moodle.issues.map((i) => i.code)).toEqual(['unsupportedType'])
  })

  it('reads the Excel template written by the download button', async () => {
    const table = templateRows('zh-CN')
    const data = await writeTables([{ name: '题目', ...table }])
    const result = await parseQuestionFile('excel', data, ['数学', '语文', '美术', '地理'])
    expect(result.issues).toEqual([])
    expect(result.questions).toHaveLength(8)
    expect(result.questions[0]).toMatchObject({ position: 'row 2' })
  })
})

describe('previewRows', () => {
  it('has a row per question or refused place, in file order, with its level', async () => {
    const result = await parseQuestionFile(
      'moodle',
      bytes(
        '<quiz><question type="ddwtos"><name><text>Drag</text></name></question>' +
          '<question type="truefalse"><name><text>TF</text></name><questiontext format="html"><text>Sky</text></questiontext>' +
          '<answer fraction="100"><text>true</text><feedback><text>yes!</text></feedback></answer></question>' +
          '<question type="truefalse"><questiontext format="html"><text>Fine</text></questiontext><answer fraction="0"><text>true</text></answer></question></quiz>',
      ),
      [],
    )
    const rows = previewRows(result)
    expect(rows.map((row) => [row.place, row.type, row.stem, row.level])).toEqual([
      [{ kind: 'question', n: 1, name: 'Drag' }, null, '', 'error'],
      [{ kind: 'question', n: 2, name: 'TF' }, 'true_false', 'Sky', 'warning'],
      [{ kind: 'question', n: 3, name: '' }, 'true_false', 'Fine', 'ok'],
    ])
    expect(errorCount(result)).toBe(1)
  })

  it('keeps file-level issues apart', async () => {
    const result = await parseQuestionFile('moodle', bytes('<quiz>'), [])
    expect(previewRows(result)).toEqual([])
    expect(fileIssues(result).map((i) => i.code)).toEqual(['malformedXml'])
    expect(placeOf('header')).toEqual({ kind: 'file', n: 0, name: '' })
  })
})

describe('subjectsOf and questionDraft', () => {
  it('uses the subject a row names, else the chosen one (null when none)', async () => {
    const header = ['题型', '科目', '题目', '答案']
    const rows = [
      ['判断', '语文', 'a', '对'],
      ['判断', '', 'b', '错'],
    ]
    const data = await writeTables([{ name: 's', columns: header.map((title) => ({ header: title })), rows }])
    const { questions } = await parseQuestionFile('excel', data, ['语文'])
    const subjects = [subject('math', '数学'), subject('chinese', '语文')]
    expect(subjectsOf(questions, subjects, 'math')).toEqual(['chinese', 'math'])
    expect(subjectsOf(questions, subjects, '')).toEqual(['chinese', null])
  })

  it('makes a version-1 draft of the author, its own lineage, with the stored images', async () => {
    const [parsed] = (await parseQuestionFile('gift', bytes('Sky is blue {T}'), [])).questions
    if (!parsed) throw new Error('not parsed')
    const image = { sha256: 'a'.repeat(64), name: 'a.png', size: 1, mime: 'image/png' }
    const draft = questionDraft(parsed, { stem: '<p>x</p>', images: [image] }, 'math', {
      authorId: 'teacher',
      now: 42,
    })
    expect(draft).toMatchObject({
      kind: 'question',
      type: 'true_false',
      answer: true,
      stem: '<p>x</p>',
      images: [image],
      attachments: [],
      subjectId: 'math',
      authorId: 'teacher',
      status: 'draft',
      createdAt: 42,
      lineageId: draft.id,
      version: 1,
    })
  })
})
