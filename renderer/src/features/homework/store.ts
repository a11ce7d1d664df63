import type { HomeworkDefinition } from '../../../../domain/homework/definition.ts'
import { defineKindStore } from '../../app/kind-store.ts'

export const useDefinitionStore = defineKindStore<HomeworkDefinition>('definitions', 'definition')
