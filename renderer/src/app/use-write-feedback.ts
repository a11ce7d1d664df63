import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { WriteRefusedError } from '../db/index.ts'
import { reasonOf } from '../ui/reason-of.ts'

/** Runs a local write and tells the user how it went; resolves with undefined when it failed. */
export function useWriteFeedback() {
  const { t } = useI18n()

  async function run<R>(write: () => Promise<R>, successMessage?: string): Promise<R | undefined> {
    try {
      const result = await write()
      if (successMessage) ElMessage.success(successMessage)
      return result
    } catch (error) {
      const reason = reasonOf(error)
      const key = error instanceof WriteRefusedError ? 'common.refused' : 'common.failed'
      ElMessage.error({ message: t(key, { reason }), grouping: true })
      return undefined
    }
  }

  /** `run` for writes that resolve with nothing: did it succeed? */
  async function succeeded(write: () => Promise<unknown>, successMessage?: string): Promise<boolean> {
    const result = await run(async () => {
      await write()
      return true
    }, successMessage)
    return result === true
  }

  return { run, succeeded }
}
