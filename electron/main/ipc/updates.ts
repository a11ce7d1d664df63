import type { Updater } from '../updater.ts'
import type { Routes } from './handle.ts'
import { noArguments } from './validate.ts'

export function updateRoutes(
  updater: Updater,
): Pick<Routes, 'update:status' | 'update:check' | 'update:install'> {
  return {
    'update:status': { validateArgs: noArguments, run: () => updater.status() },
    'update:check': { validateArgs: noArguments, run: () => updater.check() },
    'update:install': { validateArgs: noArguments, run: () => updater.install() },
  }
}
