import { describe, expect, it } from 'vitest'
import { SECURE_WEB_PREFERENCES } from './window-preferences.ts'

describe('SECURE_WEB_PREFERENCES', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, webSecurity: true })
  })

  it('gives Node to no renderer, worker or sub-frame', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    })
  })

  it('allows no insecure content, experimental or Blink features, or webviews', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    })
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures')
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('preload')
  })
})
