import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { localDate } from '../../../../domain/calendar/dates.ts'
import { newId, type BaseDocument } from '../../../../domain/documents.ts'
import {
  classSummaries,
  COUNT_KEYS,
  entryClassKey,
  planPromotion,
  promotionWrites,
  refusals,
  type PromotionPlan,
} from '../../../../domain/org/promotion/plan.ts'
import { diffStructure, type Planned } from '../../../../domain/org/promotion/structure-diff.ts'
import type { UpdateLog } from '../../../../domain/org/update-log.ts'
import { useXlsxSave } from '../../app/use-xlsx-save.ts'
import type { BulkDocument, ProgressListener } from '../../db/index.ts'
import { writeTables } from '../../ui/excel/workbook.ts'
import { useAuthStore } from '../auth/store.ts'
import {
  useCampusStore,
  useClassStore,
  useGradeStore,
  useGuardianStore,
  useStudentStore,
} from '../org/stores.ts'
import { entryRows, filterRows, previewSheets, STATUS_FILTERS, type StatusFilter } from './preview.ts'
import { useUpdateLogStore } from './store.ts'
import { useGraceDays } from './use-grace-days.ts'
import { usePromotionFiles } from './use-promotion-files.ts'
import { reasonOf } from '../../ui/reason-of.ts'

/** The address book as the stores hold it now. */
function useAddressBook() {
  const stores = {
    campus: useCampusStore(),
    grade: useGradeStore(),
    class: useClassStore(),
    student: useStudentStore(),
    guardian: useGuardianStore(),
    update_log: useUpdateLogStore(),
  }
  const book = computed(() => ({
    campuses: stores.campus.items,
    grades: stores.grade.items,
    classes: stores.class.items,
    students: stores.student.items,
    guardians: stores.guardian.items,
  }))
  function storedOf(id: string): BaseDocument | undefined {
    const { campuses, grades, classes, students, guardians } = book.value
    return [campuses, grades, classes, students, guardians].flat().find((doc: BaseDocument) => doc.id === id)
  }
  return { stores, book, storedOf }
}

interface Batch {
  docs: readonly Planned<BaseDocument>[]
  put(onProgress: ProgressListener): Promise<void>
}

function batch<T extends BaseDocument>(store: { bulkPut: BulkPut<T> }, docs: Planned<T>[]): Batch {
  return { docs, put: (onProgress) => store.bulkPut(docs, onProgress) }
}

type BulkPut<T extends BaseDocument> = (
  docs: readonly BulkDocument<T>[],
  onProgress?: ProgressListener,
) => Promise<void>

/** Applying a plan: every document gated first, then written kind by kind with one progress bar. */
function useApply(address: ReturnType<typeof useAddressBook>) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const progress = ref<{ done: number; total: number } | null>(null)

  async function write(plan: PromotionPlan, files: string[]): Promise<boolean> {
    const user = auth.user
    if (!user) return false
    const writes = promotionWrites(plan)
    const log: Planned<UpdateLog> = {
      id: newId(),
      kind: 'update_log',
      action: 'promotion',
      appliedAt: Date.now(),
      byId: user.id,
      byName: user.name,
      schoolYear: plan.schoolYear,
      files,
      counts: { ...plan.counts },
    }
    const batches = [
      batch(address.stores.campus, writes.campus),
      batch(address.stores.grade, writes.grade),
      batch(address.stores.class, writes.class),
      batch(address.stores.student, writes.student),
      batch(address.stores.guardian, writes.guardian),
      batch(address.stores.update_log, [log]),
    ]
    const docs = batches.flatMap((b) => b.docs)
    const refused = refusals(docs, user, address.storedOf, Date.now())
    if (refused.length) {
      const reason = refused.slice(0, 3).join('; ')
      ElMessage.error({ message: t('promotion.refused', { reason }), duration: 0, showClose: true })
      return false
    }
    progress.value = { done: 0, total: docs.length }
    try {
      let offset = 0
      for (const { docs: items, put } of batches) {
        const start = offset
        await put((done) => (progress.value = { done: start + done, total: docs.length }))
        offset += items.length
      }
      return true
    } catch (error) {
      ElMessage.error(t('promotion.failed', { reason: reasonOf(error) }))
      return false
    } finally {
      progress.value = null
    }
  }

  return { progress, write }
}

/** AB-5 promotion: upload B08 and B01, preview, export, apply in one step, update log. */
export function usePromotion() {
  const { t } = useI18n()
  const files = usePromotionFiles()
  const address = useAddressBook()
  const { graceDays, maxGraceDays } = useGraceDays()
  const excel = useXlsxSave()
  const apply = useApply(address)
  const statusFilter = ref<StatusFilter>('all')
  const classFilter = ref('')
  const today = shallowRef(localDate())

  const structurePlan = computed(() => {
    const structure = files.structure.value
    return structure ? diffStructure(structure.content.rows, address.book.value, newId) : null
  })

  const plan = computed(() => {
    const structure = files.structure.value
    const registration = files.registration.value
    if (!structure || !registration) return null
    const options = { today: today.value, graceDays: graceDays.value, newId }
    return planPromotion(structure.content.rows, registration.content, address.book.value, options)
  })

  const summaries = computed(() => (plan.value ? classSummaries(plan.value) : []))
  const allRows = computed(() => (plan.value ? entryRows(plan.value, t) : []))
  const rows = computed(() => filterRows(allRows.value, statusFilter.value, classFilter.value, entryClassKey))
  const statusCounts = computed(() => {
    const inClass = filterRows(allRows.value, 'all', classFilter.value, entryClassKey)
    const count = (status: StatusFilter) => filterRows(inClass, status, '', entryClassKey).length
    return Object.fromEntries(STATUS_FILTERS.map((status) => [status, count(status)])) as Record<
      StatusFilter,
      number
    >
  })
  const pendingWrites = computed(() => {
    if (!plan.value) return 0
    return Object.values(promotionWrites(plan.value)).reduce((sum, docs) => sum + docs.length, 0)
  })
  const step = computed(() => (plan.value ? 2 : files.structure.value ? 1 : 0))
  const tab = ref<'structure' | 'preview' | 'log'>('structure')
  watch(step, (current) => (tab.value = current === 2 ? 'preview' : 'structure'))
  const logs = computed(() => [...address.stores.update_log.items].sort((a, b) => b.appliedAt - a.appliedAt))

  async function exportPreview(): Promise<void> {
    const current = plan.value
    if (!current) return
    await excel.save(t('promotion.exportName', { year: current.schoolYear }), () =>
      writeTables(previewSheets(current, summaries.value, t)),
    )
  }

  async function confirmAndApply(): Promise<void> {
    const current = plan.value
    if (!current || apply.progress.value) return
    const counts = Object.fromEntries(COUNT_KEYS.map((key) => [key, current.counts[key]]))
    try {
      await ElMessageBox.confirm(t('promotion.confirmApply', counts), t('promotion.apply'), {
        type: 'warning',
      })
    } catch {
      return
    }
    const names = [files.structure.value?.fileName, files.registration.value?.fileName]
    if (
      await apply.write(
        current,
        names.filter((name): name is string => Boolean(name)),
      )
    ) {
      ElMessage.success(t('promotion.applied'))
      today.value = localDate()
    }
  }

  return {
    ...files,
    graceDays,
    maxGraceDays,
    statusFilter,
    classFilter,
    structurePlan,
    plan,
    summaries,
    rows,
    statusCounts,
    pendingWrites,
    step,
    tab,
    logs,
    progress: apply.progress,
    exportPreview,
    confirmAndApply,
  }
}
