// propagation_p50_ms / propagation_p99_ms (DESIGN §11): an edit on PC A visible on PC B over loopback, while 50
// other clients hold their sync streams open.
import { filter, firstValueFrom } from 'rxjs'
import type { Subject } from '../domain/catalog/subject.ts'
import { createRepository } from '../renderer/src/db/index.ts'
import { DEMO_PASSWORD, seedDemo } from '../sync-server/src/seed/demo.ts'
import { startClient } from '../test/replication/harness.ts'
import { startBenchServer } from './server.ts'
import { percentile } from './stats.ts'

const ADMIN = '13800000001'
const OTHER_CLIENTS = 50

export interface PropagationNumbers {
  p50: number
  p99: number
  samples: number
}

interface IdleStream {
  ended: boolean
  close(): void
}

/** A connected client that only listens: its stream is read and thrown away, as a quiet PC's would be. */
async function openIdleStream(url: string): Promise<IdleStream> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: ADMIN, password: DEMO_PASSWORD }),
  })
  const { accessToken } = (await response.json()) as { accessToken: string }
  const controller = new AbortController()
  const stream = await fetch(`${url}/api/sync/stream`, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal: controller.signal,
  })
  if (!stream.ok || !stream.body)
    throw new Error(`an idle client could not open its stream: ${stream.status}`)
  const reader = stream.body.getReader()
  const idle: IdleStream = { ended: false, close: () => controller.abort() }
  const drain = async (): Promise<void> => {
    for (;;) if ((await reader.read()).done) return
  }
  drain()
    .catch(() => undefined)
    .finally(() => (idle.ended = true))
  return idle
}

export async function measurePropagation(samples: number): Promise<PropagationNumbers> {
  const server = await startBenchServer(seedDemo)
  const others: IdleStream[] = []
  for (let i = 0; i < OTHER_CLIENTS; i++) others.push(await openIdleStream(server.url))
  const a = await startClient(server.url, 'pc-a', ADMIN, DEMO_PASSWORD)
  const b = await startClient(server.url, 'pc-b', ADMIN, DEMO_PASSWORD)
  try {
    await Promise.all([a.engine.awaitInSync(), b.engine.awaitInSync()])
    const subjects = createRepository<Subject>(a.database, 'subject', a.user)
    const onB = b.database.collection('catalog').$
    const latencies: number[] = []
    for (let i = 0; i < samples; i++) {
      const name = `传播测试-${i}`
      const seen = firstValueFrom(onB.pipe(filter((event) => event.documentData.name === name)))
      const started = performance.now()
      await subjects.insert({ name, enabled: true })
      await seen
      latencies.push(performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    if (others.some((stream) => stream.ended)) throw new Error('an idle stream was dropped')
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples }
  } finally {
    others.forEach((stream) => stream.close())
    await Promise.all([a.close(), b.close()])
    await server.close()
  }
}
