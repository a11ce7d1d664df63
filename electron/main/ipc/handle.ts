import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import type { DesktopChannel, DesktopChannels, DesktopEvent, DesktopEvents } from '../../preload/api.ts'
import { isTrustedSender } from '../security/origins.ts'

type Args<C extends DesktopChannel> = DesktopChannels[C][0]
type Reply<T> = T | Promise<T>
// A channel whose result is `undefined` may be served by a handler that returns nothing.
type HandlerReply<C extends DesktopChannel> = DesktopChannels[C][1] extends undefined
  ? Reply<void>
  : Reply<DesktopChannels[C][1]>

export interface Route<C extends DesktopChannel> {
  /** Checks the renderer's arguments and returns them typed; throws on anything else. */
  validateArgs: (args: unknown[]) => Args<C>
  run: (event: IpcMainInvokeEvent, ...args: Args<C>) => HandlerReply<C>
}

/** One route per channel of the contract: a channel missing here is a compile error. */
export type Routes = { [C in DesktopChannel]: Route<C> }

export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError'
}

/**
 * The one way to register an IPC handler. Before the handler runs, the sending frame must be the main frame of a
 * page of our own origin (checked on its parsed URL), and the arguments must pass the route's validator.
 */
export function handle<C extends DesktopChannel>(
  channel: C,
  route: Route<C>,
  allowedOrigins: readonly string[],
): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame || !isTrustedSender(frame.url, allowedOrigins)) {
      throw new UntrustedSenderError(`${channel}: refused a call from ${frame?.url ?? 'a destroyed frame'}`)
    }
    return route.run(event, ...route.validateArgs(args))
  })
}

export function handleAll(routes: Routes, allowedOrigins: readonly string[]): void {
  for (const channel of Object.keys(routes) as DesktopChannel[]) {
    registerRoute(channel, routes, allowedOrigins)
  }
}

// Generic over the channel so that `routes[channel]` keeps its own channel's types.
function registerRoute<C extends DesktopChannel>(
  channel: C,
  routes: Routes,
  allowedOrigins: readonly string[],
) {
  handle(channel, routes[channel], allowedOrigins)
}

/** Pushes an event of the contract to a renderer that is still alive. */
export function send<E extends DesktopEvent>(
  contents: WebContents,
  event: E,
  payload: DesktopEvents[E],
): void {
  if (!contents.isDestroyed()) contents.send(event, payload)
}
