import type { UpdateLog } from '../../../../domain/org/update-log.ts'
import { defineKindStore } from '../../app/kind-store.ts'

export const useUpdateLogStore = defineKindStore<UpdateLog>('updateLogs', 'update_log')
