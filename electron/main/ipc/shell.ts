import { shell } from 'electron'
import type { Routes } from './handle.ts'
import { argumentsOf, externalUrl } from './validate.ts'

export function shellRoutes(): Pick<Routes, 'shell:open-external'> {
  return {
    'shell:open-external': {
      validateArgs: argumentsOf(externalUrl),
      run: (_event, url) => shell.openExternal(url),
    },
  }
}
