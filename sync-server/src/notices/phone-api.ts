import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { BlobRef } from '../../../domain/blobs/blob-ref.ts'
import { answerProblems, answerProblemText, keptAnswers } from '../../../domain/notices/answers.ts'
import type { NoticeLink, NoticeQuestion } from '../../../domain/notices/notice.ts'
import { receiptId, type Answers } from '../../../domain/notices/receipt.ts'
import type { Student } from '../../../domain/org/student.ts'
import { validateDocument } from '../../../domain/validation.ts'
import { badRequest, conflict, gone, notFound } from '../errors.ts'
import type { Store } from '../store/index.ts'
import { findNotices, findReceipts, type StoredNotice, type StoredReceipt } from './delivery.ts'
import { bodyImageHashes, sanitizeBody } from './sanitize.ts'

/** A student a notice concerns, so a guardian of several children sees which one (NTC-6). */
export interface ConcernedStudent {
  id: string
  name: string
}

export interface PhoneNoticeSummary {
  id: string
  title: string
  authorName: string
  sentAt: number
  status: 'sent' | 'closed'
  hasForm: boolean
  read: boolean
  answered: boolean
  reminded: boolean
  students: ConcernedStudent[]
}

export interface PhoneNotice {
  id: string
  title: string
  body: string
  links: NoticeLink[]
  attachments: BlobRef[]
  questions: NoticeQuestion[]
  status: 'sent' | 'closed'
  authorName: string
  sentAt: number
  receipt: { readAt?: number; answeredAt?: number; answers?: Answers }
  students: ConcernedStudent[]
}

interface Access {
  notice: StoredNotice & { delivery: NonNullable<StoredNotice['delivery']> }
  /** Null for CC staff, who see the notice but are no recipient. */
  receipt: StoredReceipt | null
}

const NOT_FOUND = 'No such notice for this user'

/** Delivered, live, not recalled: what a phone may show. */
const isShown = (notice: StoredNotice): notice is Access['notice'] =>
  notice.delivery !== undefined && (notice.status === 'sent' || notice.status === 'closed')

/** What phones ask of notices (DESIGN §7.1 mobile API), on the server's clock. */
export class PhoneNotices {
  readonly #store: Store
  readonly #clock: () => number

  constructor(store: Store, clock: () => number) {
    this.#store = store
    this.#clock = clock
  }

  /** The notices delivered to `user` or CC to them, newest first. */
  async list(user: SessionUser): Promise<PhoneNoticeSummary[]> {
    const receipts = await findReceipts(this.#store, user.schoolId, 'personId', [user.id])
    const byNotice = new Map(receipts.map((receipt) => [receipt.noticeId, receipt]))
    const addressed = await findNotices(this.#store, user.schoolId, 'id', [...byNotice.keys()])
    const sent = await findNotices(this.#store, user.schoolId, 'status', ['sent', 'closed'])
    const copied = sent.filter((notice) => notice.ccStaffIds.includes(user.id) && !byNotice.has(notice.id))
    const notices = [...addressed, ...copied].filter(isShown)
    const names = await this.#names(
      user.schoolId,
      notices.map((notice) => notice.authorId),
      receipts,
    )
    return notices
      .map((notice): PhoneNoticeSummary => {
        const receipt = byNotice.get(notice.id)
        return {
          id: notice.id,
          title: notice.title,
          authorName: names.get(notice.authorId) ?? '',
          sentAt: notice.delivery.deliveredAt,
          status: notice.status as PhoneNoticeSummary['status'],
          hasForm: notice.questions.length > 0,
          read: receipt?.readAt !== undefined,
          answered: receipt?.answeredAt !== undefined,
          reminded: receipt?.remindedAt !== undefined,
          students: this.#students(receipt, names),
        }
      })
      .sort((a, b) => b.sentAt - a.sentAt || a.id.localeCompare(b.id))
  }

  async detail(user: SessionUser, noticeId: string): Promise<PhoneNotice> {
    const { notice, receipt } = await this.#access(user, noticeId)
    const names = await this.#names(user.schoolId, [notice.authorId], receipt ? [receipt] : [])
    const { readAt, answeredAt, answers } = receipt ?? {}
    return {
      id: notice.id,
      title: notice.title,
      body: sanitizeBody(notice.body),
      links: notice.links,
      attachments: notice.attachments,
      questions: notice.questions,
      status: notice.status as PhoneNotice['status'],
      authorName: names.get(notice.authorId) ?? '',
      sentAt: notice.delivery.deliveredAt,
      receipt: { readAt, answeredAt, answers },
      students: this.#students(receipt ?? undefined, names),
    }
  }

  /** Marks the notice read by `user`; the first time stays. */
  async read(user: SessionUser, noticeId: string): Promise<number> {
    await this.#access(user, noticeId, { recipientOnly: true })
    const now = this.#clock()
    return this.#updateReceipt(user, noticeId, (receipt) =>
      receipt.readAt === undefined ? { ...receipt, readAt: now, updatedAt: now } : receipt,
    ).then((receipt) => receipt.readAt ?? now)
  }

  /** Stores `user`'s answers (replacing earlier ones) until the notice is closed. */
  async answer(user: SessionUser, noticeId: string, answers: Answers): Promise<number> {
    const { notice } = await this.#access(user, noticeId, { recipientOnly: true })
    if (notice.status === 'closed') throw conflict('This notice is closed: answers are no longer taken')
    const problems = answerProblems(notice.questions, answers)
    if (problems.length > 0) throw badRequest(problems.map(answerProblemText).join('; '), 'bad_answers')
    const now = this.#clock()
    const receipt = await this.#updateReceipt(user, noticeId, (stored) => ({
      ...stored,
      answers: keptAnswers(answers),
      answeredAt: now,
      readAt: stored.readAt ?? now,
      updatedAt: now,
    }))
    return receipt.answeredAt ?? now
  }

  /** The attachment or body image `sha256` of a notice `user` may see; 404 for any other. */
  async attachment(user: SessionUser, noticeId: string, sha256: string): Promise<void> {
    const { notice } = await this.#access(user, noticeId)
    const hashes = [...notice.attachments.map((file) => file.sha256), ...bodyImageHashes(notice.body)]
    if (!hashes.includes(sha256)) throw notFound('No such attachment of this notice')
  }

  async #access(user: SessionUser, noticeId: string, { recipientOnly = false } = {}): Promise<Access> {
    const [notice] = await findNotices(this.#store, user.schoolId, 'id', [noticeId])
    const [receipt] = await findReceipts(this.#store, user.schoolId, 'id', [receiptId(noticeId, user.id)])
    const copied = !recipientOnly && notice?.ccStaffIds.includes(user.id)
    if (!notice?.delivery || (!receipt && !copied)) throw notFound(NOT_FOUND)
    if (notice.status === 'recalled') throw gone('This notice was recalled by its author')
    if (!isShown(notice)) throw notFound(NOT_FOUND)
    return { notice, receipt: receipt ?? null }
  }

  /** Changes `user`'s receipt under the school's write lock, so two phones of one person never lose a change. */
  #updateReceipt(
    user: SessionUser,
    noticeId: string,
    change: (receipt: StoredReceipt) => StoredReceipt,
  ): Promise<StoredReceipt> {
    const id = receiptId(noticeId, user.id)
    return this.#store.writeDocuments(user.schoolId, 'receipts', [id], (stored) => {
      const current = stored.get(id) as StoredReceipt | undefined
      if (!current) throw notFound(NOT_FOUND)
      const next = change(current)
      if (next === current) return { writes: [], result: next }
      // The receipt as any push of it is checked: the phone's answers must be storable text too.
      const validation = validateDocument('receipts', next)
      if (!validation.ok) throw badRequest(validation.errors.join('; '), 'bad_answers')
      return { writes: [next], result: next }
    })
  }

  /** Names of the authors (accounts) and of the students the receipts concern. */
  async #names(
    schoolId: string,
    authorIds: string[],
    receipts: StoredReceipt[],
  ): Promise<Map<string, string>> {
    const names = new Map<string, string>()
    for (const id of new Set(authorIds)) {
      const account = await this.#store.getAccount(id)
      if (account) names.set(id, account.name)
    }
    const studentIds = [...new Set(receipts.flatMap((receipt) => receipt.studentIds))]
    if (studentIds.length > 0) {
      const students = await this.#store.findDocuments(schoolId, [
        { collection: 'org', kind: 'student', where: { field: 'id', in: studentIds } },
      ])
      for (const student of students as unknown as Student[]) names.set(student.id, student.name)
    }
    return names
  }

  #students(receipt: StoredReceipt | undefined, names: Map<string, string>): ConcernedStudent[] {
    return (receipt?.studentIds ?? []).map((id) => ({ id, name: names.get(id) ?? '' }))
  }
}
