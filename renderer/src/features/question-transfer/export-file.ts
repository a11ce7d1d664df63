import type { FormatLocale } from '../../../../domain/org/import/columns.ts'
import { questionRows } from '../../../../domain/questions/formats/excel.ts'
import { exportGift } from '../../../../domain/questions/formats/gift.ts'
import { exportMoodleXml } from '../../../../domain/questions/formats/moodle-xml.ts'
import type { BlobBytes, ExportResult } from '../../../../domain/questions/formats/types.ts'
import { stemText } from '../../../../domain/questions/stem.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import { writeTables } from '../../ui/excel/workbook.ts'
import type { FileFormat } from './import-plan.ts'

export const EXPORT_EXTENSION: Record<FileFormat, string> = { moodle: 'xml', gift: 'gift', excel: 'xlsx' }

export interface ExportSources {
  bytesOf: BlobBytes
  subjectName: (subjectId: string) => string
  locale: FormatLocale
  /** The Excel sheet's name. */
  sheetName: string
}

export interface ExportFile {
  data: string | Uint8Array
  skipped: ExportResult['skipped']
}

/** The file of the questions in a format, and what it could not carry. */
export async function exportFile(
  format: FileFormat,
  questions: Question[],
  sources: ExportSources,
): Promise<ExportFile> {
  if (format === 'moodle') {
    const { text, skipped } = await exportMoodleXml(questions, sources.bytesOf)
    return { data: text, skipped }
  }
  if (format === 'gift') {
    const { text, skipped } = exportGift(questions)
    return { data: text, skipped }
  }
  const { skipped, ...table } = questionRows(questions, sources.subjectName, sources.locale)
  return { data: await writeTables([{ name: sources.sheetName, ...table }]), skipped }
}

/** A line of the "could not be carried" list: the question (the start of its stem) and the reason's code. */
export interface SkippedLine {
  id: string
  question: string
  code: string
  message: string
}

export function skippedLines(
  skipped: ExportResult['skipped'],
  questions: readonly Question[],
): SkippedLine[] {
  const byId = new Map(questions.map((question) => [question.id, question]))
  return skipped.map((entry, index) => {
    const text = stemText(byId.get(entry.questionId)?.stem ?? '')
    return {
      id: `${entry.questionId}-${index}`,
      question: text.length > 40 ? `${text.slice(0, 39)}…` : text,
      code: entry.code,
      message: entry.message,
    }
  })
}

/** How many different questions the list names. */
export const questionsIn = (skipped: ExportResult['skipped']) =>
  new Set(skipped.map((entry) => entry.questionId)).size
