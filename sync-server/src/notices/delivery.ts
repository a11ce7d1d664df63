import type { CollectionName } from '../../../domain/collections.ts'
import { deepEqual, type WireDocument } from '../../../domain/documents.ts'
import { awaitsReminder } from '../../../domain/notices/answers.ts'
import { isDue, type Notice } from '../../../domain/notices/notice.ts'
import { receiptId, type Receipt } from '../../../domain/notices/receipt.ts'
import { resolveRecipients, type AddressBook } from '../../../domain/notices/recipients.ts'
import type { Department } from '../../../domain/org/departments.ts'
import type { Guardian } from '../../../domain/org/guardian.ts'
import type { SchoolClass } from '../../../domain/org/school-class.ts'
import type { Staff } from '../../../domain/org/staff.ts'
import type { Student } from '../../../domain/org/student.ts'
import type { RelatedQuery, Store } from '../store/index.ts'

export type StoredNotice = WireDocument<Notice>
export type StoredReceipt = WireDocument<Receipt>

const query = (
  collection: CollectionName,
  kind: string,
  field?: string,
  values?: readonly string[],
): RelatedQuery =>
  field && values ? { collection, kind, where: { field, in: values } } : { collection, kind }

/** Live notices of a school whose `field` is one of `values`. */
export async function findNotices(
  store: Store,
  schoolId: string,
  field: 'id' | 'status',
  values: readonly string[],
): Promise<StoredNotice[]> {
  return (await store.findDocuments(schoolId, [query('notices', 'notice', field, values)])) as StoredNotice[]
}

/** Receipts of a school whose `field` is one of `values`. */
export async function findReceipts(
  store: Store,
  schoolId: string,
  field: 'id' | 'noticeId' | 'personId',
  values: readonly string[],
): Promise<StoredReceipt[]> {
  return (await store.findDocuments(schoolId, [
    query('receipts', 'receipt', field, values),
  ])) as StoredReceipt[]
}

async function addressBook(store: Store, schoolId: string): Promise<AddressBook> {
  const docs = await store.findDocuments(
    schoolId,
    ['class', 'student', 'guardian', 'staff', 'department'].map((kind) => query('org', kind)),
  )
  const ofKind = <T>(kind: string) => docs.filter((doc) => doc.kind === kind) as unknown as T[]
  return {
    classes: ofKind<SchoolClass>('class'),
    students: ofKind<Student>('student'),
    guardians: ofKind<Guardian>('guardian'),
    staff: ofKind<Staff>('staff'),
    departments: ofKind<Department>('department'),
  }
}

/**
 * Delivers a due notice: resolves its recipients from the address book and the accounts, stores one receipt
 * per person in one transaction (receipts already there stay, so a delivery cut short by a crash is simply
 * done again), then records the delivery on the notice, unless the author changed its audience or took it
 * back meanwhile. Returns the people to notify (none when it was not delivered).
 */
export async function deliverNotice(store: Store, notice: StoredNotice, now: number): Promise<string[]> {
  const { schoolId } = notice
  const enabled = new Set(
    (await store.listAccounts(schoolId)).filter((account) => !account.disabled).map((account) => account.id),
  )
  const recipients = resolveRecipients(notice.audience, await addressBook(store, schoolId), (id) =>
    enabled.has(id),
  )
  const receipts = recipients.map((recipient): StoredReceipt => ({
    id: receiptId(notice.id, recipient.personId),
    kind: 'receipt',
    schoolId,
    updatedAt: now,
    noticeId: notice.id,
    ...recipient,
    deliveredAt: now,
    _deleted: false,
  }))
  await store.writeDocuments(
    schoolId,
    'receipts',
    receipts.map((receipt) => receipt.id),
    (stored) => ({ writes: receipts.filter((receipt) => !stored.has(receipt.id)), result: null }),
  )
  const delivered = await store.writeDocuments(schoolId, 'notices', [notice.id], (stored) => {
    const current = stored.get(notice.id) as StoredNotice | undefined
    if (!current || !isDue(current, now) || !deepEqual(current.audience, notice.audience))
      return { writes: [], result: false }
    const delivery = { deliveredAt: now, remindersSent: current.reminders }
    return { writes: [{ ...current, updatedAt: now, delivery }], result: true }
  })
  return delivered ? [...recipients.map((r) => r.personId), ...notice.ccStaffIds] : []
}

/** Has the author asked for reminders the server has not sent yet? */
export function hasPendingReminders(notice: Notice): boolean {
  return (
    notice.status === 'sent' &&
    notice.delivery !== undefined &&
    notice.reminders > notice.delivery.remindersSent
  )
}

/**
 * Sends the reminders the author asked for: first records them as sent on the notice, if no one else (another
 * instance) did since `notice` was read, then marks `remindedAt` on the receipts of those who have not read the
 * notice (or not answered, when it has required questions). Returns the people to notify (none when another
 * instance sends them). A crash between the two writes loses that round of reminders rather than sending it twice.
 */
export async function sendReminders(store: Store, notice: StoredNotice, now: number): Promise<string[]> {
  const { schoolId, questions } = notice
  const claimed = await store.writeDocuments(schoolId, 'notices', [notice.id], (stored) => {
    const current = stored.get(notice.id) as StoredNotice | undefined
    if (!current?.delivery || !hasPendingReminders(current)) return { writes: [], result: false }
    const delivery = { ...current.delivery, remindersSent: current.reminders }
    return { writes: [{ ...current, updatedAt: now, delivery }], result: true }
  })
  if (!claimed) return []
  const waiting = (receipt: Receipt) => awaitsReminder(questions, receipt)
  const receipts = (await findReceipts(store, schoolId, 'noticeId', [notice.id])).filter(waiting)
  return store.writeDocuments(
    schoolId,
    'receipts',
    receipts.map((receipt) => receipt.id),
    (stored) => {
      const writes = [...stored.values()]
        .filter((receipt) => waiting(receipt as StoredReceipt))
        .map((receipt) => ({ ...receipt, remindedAt: now, updatedAt: now }))
      return { writes, result: writes.map((receipt) => (receipt as StoredReceipt).personId) }
    },
  )
}
