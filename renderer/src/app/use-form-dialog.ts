import type { FormInstance } from 'element-plus'
import { reactive, ref, watch, type Ref } from 'vue'

export interface FormDialogOptions<M extends object> {
  visible: Ref<boolean>
  /** The model a fresh opening starts from (every field present, optional ones as undefined). */
  initial: () => M
  /** Saves the model; resolves with undefined when it failed (the dialog then stays open). */
  save: (model: M) => Promise<unknown>
}

/** The state of a dialog form: its model reset on every opening, validation, one save at a time. */
export function useFormDialog<M extends object>(options: FormDialogOptions<M>) {
  const formRef = ref<FormInstance>()
  const model = reactive(options.initial()) as M
  const saving = ref(false)

  watch(options.visible, (visible) => {
    if (visible) Object.assign(model, options.initial())
  })

  async function submit(): Promise<void> {
    if (saving.value) return
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid) return
    saving.value = true
    try {
      if ((await options.save({ ...model })) !== undefined) options.visible.value = false
    } finally {
      saving.value = false
    }
  }

  return { formRef, model, saving, submit }
}
