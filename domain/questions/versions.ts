import { copyJson } from '../documents.ts'
import type { Question } from './types.ts'

/**
 * QB-2: a published question is read-only; changing it means a new draft version of the same lineage.
 *
 * Any member of staff may derive a version of any published question, not only its author: the new version is
 * theirs (they are its author and alone may edit, publish or delete it), and the published one stays as it was.
 * This is what the permission rule allows (a new question must be written by its author, nothing more), and it
 * lets a teacher adapt a colleague's question without asking them to.
 */
export function newVersionOf(published: Question, newId: string, authorId: string, now: number): Question {
  if (published.status !== 'published') {
    throw new Error(`question ${published.id} is a draft: edit it instead of making a new version`)
  }
  return {
    ...copyJson(published),
    id: newId,
    authorId,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
    lineageId: published.lineageId,
    version: published.version + 1,
    previousId: published.id,
  }
}

/**
 * The ids of the superseded versions: those whose lineage has a newer published version. A draft of a newer
 * version does not hide the published one (students still get the published one until the draft is published).
 */
export function supersededIds(questions: readonly Question[]): Set<string> {
  const newestPublished = new Map<string, number>()
  for (const question of questions) {
    if (question.status !== 'published') continue
    const newest = newestPublished.get(question.lineageId) ?? 0
    if (question.version > newest) newestPublished.set(question.lineageId, question.version)
  }
  const superseded = new Set<string>()
  for (const question of questions) {
    if (question.version < (newestPublished.get(question.lineageId) ?? 0)) superseded.add(question.id)
  }
  return superseded
}

/**
 * A draft `authorId` already started from `published` (or from another version of its lineage, newer than it):
 * asking again for a new version opens that draft rather than making a second one.
 */
export function pendingDraftOf(
  questions: readonly Question[],
  published: Question,
  authorId: string,
): Question | undefined {
  return questions.find(
    (question) =>
      question.status === 'draft' &&
      question.authorId === authorId &&
      question.lineageId === published.lineageId &&
      question.version > published.version,
  )
}
