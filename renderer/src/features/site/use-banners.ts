import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import type { Banner } from '../../../../domain/site/banner.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { nextOrder } from './ordering.ts'
import { useBannerStore } from './store.ts'
import { useOrdering } from './use-ordering.ts'

/** SITE-1 the banners (橱窗) of the public home: add, edit, list / unlist, delete, drag to reorder and save. */
export function useBanners() {
  const store = useBannerStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const ordering = useOrdering(store)
  const dialog = ref(false)
  const editing = ref<Banner | null>(null)

  const canWrite = computed(() => store.canCreate)

  function openCreate(): void {
    editing.value = null
    dialog.value = true
  }

  function openEdit(banner: Banner): void {
    editing.value = banner
    dialog.value = true
  }

  async function toggleListed(banner: Banner): Promise<void> {
    const listed = !banner.listed
    const done = listed ? 'site.banners.listedDone' : 'site.banners.unlistedDone'
    await run(() => store.patch(banner.id, { listed }), t(done))
  }

  async function remove(banner: Banner): Promise<void> {
    if (await confirmDelete(t('common.confirmDelete', { name: banner.name }))) {
      await run(() => store.remove(banner.id), t('common.deleted'))
    }
  }

  return { ...ordering, canWrite, dialog, editing, openCreate, openEdit, toggleListed, remove }
}

interface BannerModel {
  name: string
  link: string
  image: BlobRef | undefined
  listed: boolean
}

/** The add / edit dialog of a banner; a new one goes last. */
export function useBannerForm(visible: Ref<boolean>, editing: Ref<Banner | null>) {
  const store = useBannerStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const dialog = useFormDialog<BannerModel>({
    visible,
    initial: () => ({
      name: editing.value?.name ?? '',
      link: editing.value?.link ?? '',
      image: editing.value?.image,
      listed: editing.value?.listed ?? true,
    }),
    save: (model) => {
      const { image } = model
      if (!image) return Promise.resolve(undefined)
      const link = model.link.trim()
      const fields = { name: model.name.trim(), image, listed: model.listed, ...(link ? { link } : {}) }
      const current = editing.value
      return run(
        current
          ? () => store.patch(current.id, { link: undefined, ...fields })
          : () => store.insert({ ...fields, order: nextOrder(store.items) }),
        t('common.saved'),
      )
    },
  })
  const rules = computed(() => ({
    name: [
      { required: true, whitespace: true, message: t('site.banners.rules.name'), trigger: 'blur' },
      { max: 60, message: t('site.banners.rules.nameTooLong'), trigger: 'blur' },
    ],
    link: [{ pattern: /^(https?:\/\/\S+)?$/, message: t('site.banners.rules.link'), trigger: 'blur' }],
    image: [{ required: true, message: t('site.banners.rules.image'), trigger: 'change' }],
  }))
  const title = computed(() => (editing.value ? t('site.banners.edit') : t('site.banners.add')))
  return { ...dialog, rules, title }
}
