import type { FormInstance } from 'element-plus'
import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { passwordChangeErrorMessage } from './login-error.ts'
import { newPasswordRules } from './rules.ts'
import { useAuthStore } from './store.ts'
import { useAfterLogin } from './use-after-login.ts'

/** The login's change-password step: an account on its initial or reset password sets its own first. */
export function useChangePassword() {
  const auth = useAuthStore()
  const afterLogin = useAfterLogin()
  const { t } = useI18n()
  const formRef = ref<FormInstance>()
  const model = reactive({ newPassword: '', confirmPassword: '' })
  const submitting = ref(false)
  const error = ref('')
  const name = computed(() => auth.passwordChange?.result.user.name ?? '')

  async function submit(): Promise<void> {
    if (submitting.value) return
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid) return
    submitting.value = true
    error.value = ''
    try {
      await auth.changeInitialPassword(model.newPassword)
      await afterLogin()
    } catch (failure) {
      error.value = passwordChangeErrorMessage(failure, t)
    } finally {
      submitting.value = false
    }
  }

  const rules = computed(() => newPasswordRules(t, () => model.newPassword))
  return { formRef, model, name, rules, submitting, error, submit, cancel: auth.cancelPasswordChange }
}
