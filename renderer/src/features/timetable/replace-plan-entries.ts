import { newId } from '../../../../domain/documents.ts'
import type { PlanEntryDraft } from '../../../../domain/timetable/plan-entry.ts'
import type { usePlanStore } from './store.ts'

/**
 * Takes `removedIds` out of the scheduling plan, then adds `drafts` as new entries. Removed first: the server refuses
 * any push that leaves a double booking in the plan, and replication pushes these writes one by one in this order,
 * so no new entry ever meets an old one.
 */
export async function replacePlanEntries(
  plan: ReturnType<typeof usePlanStore>,
  removedIds: readonly string[],
  drafts: readonly PlanEntryDraft[],
): Promise<void> {
  if (removedIds.length) await plan.bulkRemove([...removedIds])
  await plan.bulkPut(drafts.map((draft) => ({ ...draft, id: newId() })))
}
