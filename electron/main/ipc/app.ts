import type { AppInfo } from '../../preload/api.ts'
import type { Routes } from './handle.ts'
import { noArguments } from './validate.ts'

export function appRoutes(info: AppInfo): Pick<Routes, 'app:info'> {
  return {
    'app:info': { validateArgs: noArguments, run: () => info },
  }
}
