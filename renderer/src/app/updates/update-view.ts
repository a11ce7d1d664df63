import type { UpdateState } from '../desktop.ts'

/** What the user menu can do about an update: look for one, install the downloaded one, or nothing (busy). */
export type UpdateAction = 'check' | 'install' | null

/** How the user menu shows the updater's state: an i18n key (`updates.*`) with its parameters, and the action. */
export interface UpdateView {
  messageKey: string
  params: Record<string, string | number>
  action: UpdateAction
  /** A downloaded update waits for a restart: the menu button carries a dot until it is installed. */
  attention: boolean
}

/** An updater error can carry a whole HTTP response; the menu shows its start. */
export const MAX_ERROR_LENGTH = 120

function view(
  messageKey: string,
  action: UpdateAction,
  params: UpdateView['params'] = {},
  attention = false,
): UpdateView {
  return { messageKey: `updates.${messageKey}`, params, action, attention }
}

function shortened(message: string): string {
  const firstLine = message.trim().split('\n', 1)[0] ?? ''
  return firstLine.length > MAX_ERROR_LENGTH ? `${firstLine.slice(0, MAX_ERROR_LENGTH - 1)}…` : firstLine
}

function clampedPercent(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : 0
}

/** The user menu's line for an updater state (DESIGN §9: the update status is visible). */
export function updateView(state: UpdateState): UpdateView {
  switch (state.state) {
    case 'idle':
      return view('check', 'check')
    case 'checking':
      return view('checking', null)
    case 'available':
      return view('available', null, { version: state.version })
    case 'not-available':
      return view('upToDate', 'check')
    case 'downloading':
      return view('downloading', null, { percent: clampedPercent(state.percent) })
    case 'downloaded':
      return view('ready', 'install', { version: state.version }, true)
    case 'error':
      return view('failed', 'check', { reason: shortened(state.message) })
  }
}
