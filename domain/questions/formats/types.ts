import type { Question } from '../types.ts'

/**
 * What a question file carries of a question: the content fields. Who wrote it, its subject, status and
 * version are the importer's to decide (the import dialog picks the subject; Excel rows may name it).
 */
export type QuestionContent = Pick<
  Question,
  | 'type'
  | 'stem'
  | 'explanation'
  | 'options'
  | 'items'
  | 'answer'
  | 'referenceAnswer'
  | 'maxFiles'
  | 'pairs'
  | 'blanks'
>

/** A file that came inside a question file (Moodle XML's base64 `<file>`), referenced by the stem. */
export interface ImportedFile {
  name: string
  mime: string
  bytes: Uint8Array
}

/**
 * One question read from a file. Its stem refers to its images as `<img data-file="<name>">` until
 * `resolveImportedImages` has stored them and turned those into `data-blob` references.
 */
export interface ParsedQuestion {
  /** Where it was in the file, for messages: "question 3 “name”", "row 5". */
  position: string
  /** The question's name in the file (Moodle `<name>`, GIFT `::title::`), if any. */
  name?: string
  /** The subject the file names (Excel's 科目 column); Moodle XML and GIFT name none. */
  subjectName?: string
  content: QuestionContent
  files: ImportedFile[]
}

export type IssueLevel = 'error' | 'warning'

/**
 * Something the import reports about a question or a row. Errors keep the whole file from being imported
 * (all or nothing); warnings say what a format could not carry. `code` + `params` are worded by the UI,
 * `message` is the same in English.
 */
export interface ParseIssue {
  position: string
  level: IssueLevel
  code: string
  params?: Record<string, string | number>
  message: string
}

export interface ParseResult {
  questions: ParsedQuestion[]
  issues: ParseIssue[]
}

/** The result of an export: the file's text, and the questions it had to leave out and why. */
export interface ExportResult {
  text: string
  skipped: { questionId: string; code: string; message: string }[]
}

/** Reads the bytes of a blob for an export (Moodle XML embeds images); null when they are not available. */
export type BlobBytes = (sha256: string) => Promise<Uint8Array | null>
