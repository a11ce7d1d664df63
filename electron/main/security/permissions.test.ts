import { describe, expect, it } from 'vitest'
import { APP_ORIGIN } from './origins.ts'
import { isPermissionGranted } from './permissions.ts'

const allowed = [APP_ORIGIN]

describe('isPermissionGranted', () => {
  it('lets the app reach the sync server on the LAN or this PC', () => {
    for (const permission of ['local-network-access', 'local-network', 'loopback-network']) {
      expect(isPermissionGranted(permission, 'app://campus-desk/index.html', allowed)).toBe(true)
    }
    expect(isPermissionGranted('loopback-network', APP_ORIGIN, allowed)).toBe(true)
  })

  it('denies everything else, even to the app', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'hid',
      'usb',
      'unknown',
    ]) {
      expect(isPermissionGranted(permission, 'app://campus-desk/index.html', allowed)).toBe(false)
    }
  })

  it('denies granted permissions to any other origin', () => {
    expect(isPermissionGranted('local-network', 'https://evil.example/', allowed)).toBe(false)
    expect(isPermissionGranted('local-network', 'app://campus-desk.evil/', allowed)).toBe(false)
    expect(isPermissionGranted('fullscreen', '', allowed)).toBe(false)
  })
})
