// electron-builder hooks (electron-builder.yml). Loaded by electron-builder on the project's Node 24, which runs
// TypeScript by stripping its types.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'
import { Arch, type AfterPackContext } from 'electron-builder'

/** Electron's fuses as the packaged app ships them (DESIGN §9; Electron's security checklist, "Electron Fuses"). */
export const FUSES = {
  // No `ELECTRON_RUN_AS_NODE`, `--inspect` or `NODE_OPTIONS`: the installed binary cannot be turned into a Node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // The app runs only from its app.asar, whose hash electron-builder embeds and Electron checks (Windows, macOS).
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The app never loads file: URLs (it is served from app://), so file: gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies Omit<FuseV1Config, 'version'>

/** Flips the fuses on the packaged binary, before electron-builder signs it. */
export async function afterPack(context: AfterPackContext): Promise<void> {
  await context.packager.addElectronFuses(context, {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature that arm64 macOS requires of every binary.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
    ...FUSES,
  })
}

/**
 * Main, preload and renderer are bundled whole by electron-vite, so the app needs nothing from node_modules:
 * returning false tells electron-builder to neither rebuild nor package dependencies.
 */
export function beforeBuild(): boolean {
  return false
}
