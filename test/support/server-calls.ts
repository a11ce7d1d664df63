// Calls to a spawned sync server (e2e/server.ts) shared by the multi-process tests.
import type { LoginResult } from '../../domain/auth/auth-wire.ts'
import type { RunningServer } from '../../e2e/server.ts'
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo.ts'

export async function post<T>(server: RunningServer, path: string, body: unknown, token?: string) {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json()) as T }
}

export async function logIn(server: RunningServer, account: string, password = DEMO_PASSWORD) {
  const { status, json } = await post<LoginResult>(server, '/api/auth/login', { account, password })
  if (status !== 200) throw new Error(`login of ${account} answered ${status}`)
  return json
}

/** Polls `condition` until it holds; the limit only ends a test that fails. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 60_000,
): Promise<void> {
  const until = Date.now() + limitMs
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
