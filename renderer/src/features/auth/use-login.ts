import type { FormInstance } from 'element-plus'
import { computed, nextTick, onMounted, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { loginErrorMessage } from './login-error.ts'
import { isServerUrl, loginRules } from './rules.ts'
import { useAuthStore } from './store.ts'
import { useAfterLogin } from './use-after-login.ts'

export type LoginTab = 'qr' | 'password'

/** The login page: server address, the QR / password tabs, the password form, the idle-lock note. */
export function useLogin() {
  const auth = useAuthStore()
  const afterLogin = useAfterLogin()
  const { t } = useI18n()
  const formRef = ref<FormInstance>()
  const locked = auth.locked
  const model = reactive({ serverUrl: locked?.serverUrl ?? '', account: locked?.account ?? '', password: '' })
  const tab = ref<LoginTab>('qr')
  const submitting = ref(false)
  const error = ref('')

  onMounted(async () => {
    model.serverUrl ||= await auth.rememberedServerUrl()
  })

  /** The address both tabs log in to, once it looks like one (no trailing slash). */
  const serverUrl = computed(() =>
    isServerUrl(model.serverUrl) ? model.serverUrl.trim().replace(/\/+$/, '') : null,
  )

  async function submit(): Promise<void> {
    if (submitting.value) return
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid || !serverUrl.value) return
    submitting.value = true
    error.value = ''
    try {
      await auth.login(serverUrl.value, model.account.trim(), model.password)
      await afterLogin()
    } catch (failure) {
      error.value = loginErrorMessage(failure, t)
      // Emptied for the next try; the alert says what went wrong, not also "enter the password" under it.
      // Emptying it starts the field's own check; let that finish, then clear what it found.
      model.password = ''
      await nextTick()
      await formRef.value?.validateField('password').catch(() => false)
      formRef.value?.clearValidate('password')
    } finally {
      submitting.value = false
    }
  }

  /** Enter in the password tab submits, except while an input method is composing. */
  function onEnter(event: KeyboardEvent): void {
    if (tab.value === 'password' && !event.isComposing) void submit()
  }

  // Computed, so the messages follow a language switch.
  const rules = computed(() => loginRules(t))
  return { formRef, model, serverUrl, tab, locked, rules, submitting, error, submit, onEnter }
}
