import { describe, expect, it } from 'vitest'
import { MAX_ERROR_LENGTH, updateView } from './update-view.ts'

describe('updateView', () => {
  it('offers a check when nothing is known or the app is up to date', () => {
    expect(updateView({ state: 'idle' })).toEqual({
      messageKey: 'updates.check',
      params: {},
      action: 'check',
      attention: false,
    })
    expect(updateView({ state: 'not-available' })).toMatchObject({
      messageKey: 'updates.upToDate',
      action: 'check',
    })
  })

  it('offers nothing while checking, found or downloading', () => {
    expect(updateView({ state: 'checking' })).toMatchObject({ messageKey: 'updates.checking', action: null })
    expect(updateView({ state: 'available', version: '1.4.0' })).toMatchObject({
      messageKey: 'updates.available',
      params: { version: '1.4.0' },
      action: null,
    })
    expect(updateView({ state: 'downloading', percent: 42.6 })).toMatchObject({
      messageKey: 'updates.downloading',
      params: { percent: 43 },
      action: null,
      attention: false,
    })
  })

  it('keeps the download progress between 0 and 100', () => {
    expect(updateView({ state: 'downloading', percent: 130 }).params).toEqual({ percent: 100 })
    expect(updateView({ state: 'downloading', percent: -3 }).params).toEqual({ percent: 0 })
    expect(updateView({ state: 'downloading', percent: Number.NaN }).params).toEqual({ percent: 0 })
  })

  it('asks for a restart once the update is downloaded, and draws attention to it', () => {
    expect(updateView({ state: 'downloaded', version: '1.4.0' })).toEqual({
      messageKey: 'updates.ready',
      params: { version: '1.4.0' },
      action: 'install',
      attention: true,
    })
  })

  it('says why an update failed, on one short line, and offers to try again', () => {
    expect(updateView({ state: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' })).toEqual({
      messageKey: 'updates.failed',
      params: { reason: 'net::ERR_INTERNET_DISCONNECTED' },
      action: 'check',
      attention: false,
    })
    const long = updateView({ state: 'error', message: `${'x'.repeat(500)}\nstack trace` })
    expect(String(long.params.reason)).toHaveLength(MAX_ERROR_LENGTH)
    expect(String(long.params.reason)).toMatch(/^x+…$/)
  })
})
