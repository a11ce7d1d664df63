import type { Ref } from 'vue'
import type { DefinitionSection, HomeworkDefinition } from '../../../../domain/homework/definition.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { createSerialWriter } from './serial-writer.ts'
import { useDefinitionStore } from './store.ts'

export type SectionsChange = (sections: readonly DefinitionSection[]) => DefinitionSection[]

/**
 * Writes changes of a definition's sections at once, one after another (see `createSerialWriter`). A change
 * that throws (a rule of the section tree) is reported and writes nothing.
 */
export function useSectionWrites(definition: Ref<HomeworkDefinition | null>) {
  const store = useDefinitionStore()
  const { run } = useWriteFeedback()
  const enqueue = createSerialWriter(() => definition.value)

  function update(change: SectionsChange, successMessage?: string): Promise<boolean> {
    return enqueue((base) =>
      run(() => store.patch(base.id, { sections: change(base.sections) }), successMessage),
    )
  }

  return { update }
}
