import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ArticleType } from '../../../../domain/site/article-type.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { isNameTaken, maxLengthRule, requiredRule, uniqueNameRule } from '../../ui/form-rules.ts'
import { nextOrder } from './ordering.ts'
import { useArticleTypeStore } from './store.ts'
import { useOrdering } from './use-ordering.ts'

/**
 * SITE-2 article types (文章类型): add, rename, enable / disable, order. Never deleted: articles keep their type,
 * and a disabled type is no longer offered for new articles nor shown on the public home.
 */
export function useArticleTypes() {
  const store = useArticleTypeStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const ordering = useOrdering(store)
  const dialog = ref(false)
  const editing = ref<ArticleType | null>(null)

  function openCreate(): void {
    editing.value = null
    dialog.value = true
  }

  function openEdit(type: ArticleType): void {
    editing.value = type
    dialog.value = true
  }

  async function toggle(type: ArticleType): Promise<void> {
    await run(() => store.patch(type.id, { enabled: !type.enabled }), t('common.saved'))
  }

  return {
    ...ordering,
    canWrite: computed(() => store.canCreate),
    dialog,
    editing,
    openCreate,
    openEdit,
    toggle,
  }
}

interface ArticleTypeModel {
  name: string
  enabled: boolean
}

/** The add / rename dialog of an article type; a new one goes last. */
export function useArticleTypeForm(visible: Ref<boolean>, editing: Ref<ArticleType | null>) {
  const store = useArticleTypeStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const dialog = useFormDialog<ArticleTypeModel>({
    visible,
    initial: () => ({ name: editing.value?.name ?? '', enabled: editing.value?.enabled ?? true }),
    save: (model) => {
      const fields = { name: model.name.trim(), enabled: model.enabled }
      const current = editing.value
      return run(
        current
          ? () => store.patch(current.id, fields)
          : () => store.insert({ ...fields, order: nextOrder(store.items) }),
        t('common.saved'),
      )
    },
  })
  const rules = computed(() => ({
    name: [
      requiredRule(t('site.types.rules.name')),
      maxLengthRule(40, t('site.types.rules.nameTooLong')),
      uniqueNameRule(
        (name) => isNameTaken(name, store.items, editing.value?.id ?? null),
        t('site.types.rules.nameTaken'),
      ),
    ],
  }))
  const title = computed(() => (editing.value ? t('site.types.edit') : t('site.types.add')))
  return { ...dialog, rules, title }
}
