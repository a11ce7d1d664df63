import type { Notice } from '../../../../domain/notices/notice.ts'
import type { Receipt } from '../../../../domain/notices/receipt.ts'
import { defineKindStore } from '../../app/kind-store.ts'

// Notices (NTC-1) and their receipts (NTC-2), live from the local replica: a notice written offline is sent when
// the PC is back online; receipts are written by the server and arrive as it records reading and answering.

export const useNoticeStore = defineKindStore<Notice>('notices', 'notice')
export const useReceiptStore = defineKindStore<Receipt>('receipts', 'receipt')
