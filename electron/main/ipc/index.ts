import type { AppInfo } from '../../preload/api.ts'
import type { SecretStore } from '../secret-store.ts'
import type { Updater } from '../updater.ts'
import { appRoutes } from './app.ts'
import { diagnosticRoutes, type DiagnosticFile } from './diagnostics.ts'
import { fileRoutes } from './files.ts'
import { handleAll } from './handle.ts'
import { printRoutes } from './print.ts'
import { secretRoutes } from './secrets.ts'
import { shellRoutes } from './shell.ts'
import { updateRoutes } from './updates.ts'

export interface IpcServices {
  appInfo: AppInfo
  secrets: SecretStore
  updater: Updater
  diagnostics: DiagnosticFile
}

/** Registers every channel of the contract (the `Routes` type makes a forgotten one a compile error). */
export function registerIpc(services: IpcServices, allowedOrigins: readonly string[]): void {
  handleAll(
    {
      ...appRoutes(services.appInfo),
      ...secretRoutes(services.secrets),
      ...fileRoutes(),
      ...printRoutes(),
      ...updateRoutes(services.updater),
      ...diagnosticRoutes(services.diagnostics),
      ...shellRoutes(),
    },
    allowedOrigins,
  )
}
