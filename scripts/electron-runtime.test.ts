import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  electronExecutableName,
  installedElectronBinary,
  shouldTryElectronDownload,
  whyElectronCannotRun,
  type ElectronHost,
} from './electron-runtime.ts'

const desktopLinux: ElectronHost = {
  platform: 'linux',
  env: { DISPLAY: ':0' },
  isRoot: false,
  binaryInstalled: true,
}

describe('whyElectronCannotRun', () => {
  it('lets Electron run with a binary and a display', () => {
    expect(whyElectronCannotRun(desktopLinux)).toBeNull()
    expect(whyElectronCannotRun({ ...desktopLinux, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull()
  })

  it('needs no display variable on Windows and macOS', () => {
    expect(whyElectronCannotRun({ ...desktopLinux, platform: 'win32', env: {} })).toBeNull()
    expect(whyElectronCannotRun({ ...desktopLinux, platform: 'darwin', env: {}, isRoot: true })).toBeNull()
  })

  it('names a missing display on Linux', () => {
    expect(whyElectronCannotRun({ ...desktopLinux, env: {} })).toBe(
      'no display (DISPLAY and WAYLAND_DISPLAY are unset)',
    )
  })

  it('names root on Linux rather than switching the sandbox off', () => {
    expect(whyElectronCannotRun({ ...desktopLinux, isRoot: true })).toMatch(/running as root/)
  })

  it('names a missing binary and why it is missing', () => {
    const missing = { ...desktopLinux, binaryInstalled: false }
    expect(whyElectronCannotRun(missing)).toBe('Electron binary not installed')
    expect(whyElectronCannotRun({ ...missing, downloadFailed: true })).toMatch(/its download failed/)
    expect(
      whyElectronCannotRun({ ...missing, env: { DISPLAY: ':0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }),
    ).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/)
  })

  it('gives every reason in one line, as on a headless server running as root', () => {
    const reason = whyElectronCannotRun({ platform: 'linux', env: {}, isRoot: true, binaryInstalled: false })
    expect(reason).toBe(
      "no display (DISPLAY and WAYLAND_DISPLAY are unset); running as root (Chromium's sandbox refuses root); " +
        'Electron binary not installed',
    )
    expect(reason).not.toContain('\n')
  })
})

describe('shouldTryElectronDownload', () => {
  const missing = { ...desktopLinux, binaryInstalled: false }

  it('tries once when the binary is all that is missing', () => {
    expect(shouldTryElectronDownload(missing)).toBe(true)
    expect(shouldTryElectronDownload({ ...missing, downloadFailed: true })).toBe(false)
  })

  it('does not download what could not run anyway', () => {
    expect(shouldTryElectronDownload({ ...missing, env: {} })).toBe(false)
    expect(shouldTryElectronDownload({ ...missing, isRoot: true })).toBe(false)
  })

  it('respects ELECTRON_SKIP_BINARY_DOWNLOAD and an installed binary', () => {
    expect(
      shouldTryElectronDownload({ ...missing, env: { DISPLAY: ':0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } }),
    ).toBe(false)
    expect(shouldTryElectronDownload(desktopLinux)).toBe(false)
  })
})

describe('installedElectronBinary', () => {
  let projectDir: string
  afterEach(() => rmSync(projectDir, { recursive: true, force: true }))

  function fakeElectronPackage(files: Record<string, string>): void {
    projectDir = mkdtempSync(join(tmpdir(), 'campus-desk-electron-'))
    for (const [path, content] of Object.entries(files)) {
      const file = join(projectDir, 'node_modules', 'electron', path)
      mkdirSync(join(file, '..'), { recursive: true })
      writeFileSync(file, content)
    }
  }

  it('finds the executable named by path.txt', () => {
    fakeElectronPackage({ 'path.txt': 'electron', 'dist/electron': '' })
    expect(installedElectronBinary(projectDir, 'linux', {})).toBe(
      join(projectDir, 'node_modules', 'electron', 'dist', 'electron'),
    )
  })

  it('is null when the download never happened', () => {
    fakeElectronPackage({ 'index.js': '' })
    expect(installedElectronBinary(projectDir, 'linux', {})).toBeNull()
  })
})

describe('electronExecutableName', () => {
  it('knows where each platform keeps the executable', () => {
    expect(electronExecutableName('win32')).toBe('electron.exe')
    expect(electronExecutableName('darwin')).toBe('Electron.app/Contents/MacOS/Electron')
    expect(electronExecutableName('linux')).toBe('electron')
  })
})
