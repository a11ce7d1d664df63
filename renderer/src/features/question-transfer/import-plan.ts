import type { Subject } from '../../../../domain/catalog/subject.ts'
import { newId } from '../../../../domain/documents.ts'
import { parseQuestionRows } from '../../../../domain/questions/formats/excel.ts'
import { parseGift } from '../../../../domain/questions/formats/gift.ts'
import type { ResolvedImages } from '../../../../domain/questions/formats/images.ts'
import { parseMoodleXml } from '../../../../domain/questions/formats/moodle-xml.ts'
import type { ParsedQuestion, ParseIssue, ParseResult } from '../../../../domain/questions/formats/types.ts'
import { stemText } from '../../../../domain/questions/stem.ts'
import type { Question, QuestionType } from '../../../../domain/questions/types.ts'
import type { BulkDocument } from '../../db/index.ts'
import { readTables } from '../../ui/excel/workbook.ts'

export const FILE_FORMATS = ['moodle', 'gift', 'excel'] as const
export type FileFormat = (typeof FILE_FORMATS)[number]

export const FORMAT_EXTENSIONS: Record<FileFormat, string[]> = {
  moodle: ['xml'],
  gift: ['gift', 'txt'],
  excel: ['xlsx'],
}

export function formatOf(fileName: string): FileFormat | null {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()
  return FILE_FORMATS.find((format) => FORMAT_EXTENSIONS[format].includes(extension)) ?? null
}

/** Reads a question file by its extension; the Excel 科目 column is checked against `subjectNames`. */
export async function parseQuestionFile(
  format: FileFormat,
  bytes: Uint8Array,
  subjectNames: readonly string[],
): Promise<ParseResult> {
  if (format === 'excel') {
    const [sheet] = await readTables(bytes)
    return parseQuestionRows(sheet?.rows ?? [], subjectNames)
  }
  const text = new TextDecoder('utf-8').decode(bytes)
  return format === 'moodle' ? parseMoodleXml(text) : parseGift(text)
}

/** Where an issue is: a question, line or row of the file (numbered), or the file itself. */
export interface Place {
  kind: 'question' | 'line' | 'row' | 'file'
  n: number
  name: string
}

export function placeOf(position: string): Place {
  const match = /^(question|line|row) (\d+)(?: “(.*)”)?$/.exec(position)
  if (!match) return { kind: 'file', n: 0, name: '' }
  return { kind: match[1] as Place['kind'], n: Number(match[2]), name: match[3] ?? '' }
}

/** A row of the preview: a question read (or refused) at one place of the file, with its issues. */
export interface PreviewRow {
  id: string
  place: Place
  type: QuestionType | null
  stem: string
  level: 'error' | 'warning' | 'ok'
  issues: ParseIssue[]
}

function levelOf(issues: readonly ParseIssue[]): PreviewRow['level'] {
  if (issues.some((issue) => issue.level === 'error')) return 'error'
  return issues.length ? 'warning' : 'ok'
}

/**
 * One row per place of the file that has a question or an issue, in file order; a question the file has but
 * cannot be carried (an unsupported type) is a row too, so that the user sees what holds the import back.
 */
export function previewRows(result: ParseResult): PreviewRow[] {
  const rows = new Map<string, PreviewRow>()
  const rowAt = (position: string) => {
    let row = rows.get(position)
    if (!row) {
      row = { id: position, place: placeOf(position), type: null, stem: '', level: 'ok', issues: [] }
      rows.set(position, row)
    }
    return row
  }
  for (const parsed of result.questions) {
    const stem = stemText(parsed.content.stem).replace(/\{\{\d+\}\}/g, '____')
    Object.assign(rowAt(parsed.position), { type: parsed.content.type, stem })
  }
  for (const issue of result.issues) {
    if (placeOf(issue.position).kind !== 'file') rowAt(issue.position).issues.push(issue)
  }
  return [...rows.values()]
    .map((row) => ({ ...row, level: levelOf(row.issues) }))
    .sort((a, b) => a.place.n - b.place.n)
}

/** Issues about the file itself (not valid XML, no header row). */
export function fileIssues(result: ParseResult): ParseIssue[] {
  return result.issues.filter((issue) => placeOf(issue.position).kind === 'file')
}

export const errorCount = (result: ParseResult) =>
  result.issues.filter((issue) => issue.level === 'error').length

/** The subject of each question: the one its row names, else the one chosen in the dialog. */
export function subjectsOf(
  questions: readonly ParsedQuestion[],
  subjects: readonly Subject[],
  chosenId: string,
): (string | null)[] {
  const byName = new Map(subjects.map((subject) => [subject.name, subject.id]))
  return questions.map((question) =>
    question.subjectName ? (byName.get(question.subjectName) ?? null) : chosenId || null,
  )
}

export interface DraftContext {
  authorId: string
  now: number
}

/** A new draft of the importing teacher: version 1 of a lineage of its own. */
export function questionDraft(
  parsed: ParsedQuestion,
  images: Pick<ResolvedImages, 'stem' | 'images'>,
  subjectId: string,
  context: DraftContext,
): BulkDocument<Question> {
  const id = newId()
  return {
    ...parsed.content,
    id,
    kind: 'question',
    stem: images.stem,
    images: images.images,
    attachments: [],
    subjectId,
    authorId: context.authorId,
    status: 'draft',
    createdAt: context.now,
    lineageId: id,
    version: 1,
  }
}
