import type { FormInstance } from 'element-plus'
import { computed, onMounted, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { loginErrorMessage } from './login-error.ts'
import { loginRules } from './rules.ts'
import { useAuthStore } from './store.ts'

export function useLogin() {
  const auth = useAuthStore()
  const router = useRouter()
  const route = useRoute()
  const { t } = useI18n()
  const formRef = ref<FormInstance>()
  const model = reactive({ serverUrl: '', account: '', password: '' })
  const submitting = ref(false)
  const error = ref('')

  onMounted(async () => {
    model.serverUrl ||= await auth.rememberedServerUrl()
  })

  async function submit(): Promise<void> {
    if (submitting.value) return
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid) return
    submitting.value = true
    error.value = ''
    try {
      await auth.login(model.serverUrl.trim().replace(/\/+$/, ''), model.account.trim(), model.password)
      const target = typeof route.query.redirect === 'string' ? route.query.redirect : '/'
      await router.replace(target)
    } catch (failure) {
      error.value = loginErrorMessage(failure, t)
      model.password = ''
    } finally {
      submitting.value = false
    }
  }

  /** Enter anywhere in the form submits, except while an input method is composing. */
  function onEnter(event: KeyboardEvent): void {
    if (!event.isComposing) void submit()
  }

  // Computed, so the messages follow a language switch.
  const rules = computed(() => loginRules(t))
  return { formRef, model, rules, submitting, error, submit, onEnter }
}
