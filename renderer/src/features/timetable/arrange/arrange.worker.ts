import { solve } from '../../../../../domain/timetable/solver/solve.ts'
import type { ArrangeReply, ArrangeRequest } from './arrange-messages.ts'

/** The solver runs here, off the page's thread, so the dialog stays responsive and can cancel it. */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ArrangeRequest>) => void) | null
  postMessage: (reply: ArrangeReply) => void
}

let running: AbortController | null = null

async function run(request: Extract<ArrangeRequest, { type: 'solve' }>): Promise<void> {
  const controller = new AbortController()
  running = controller
  // The solver searches until complete: a school that cannot be arranged would never finish without a limit.
  const timeLimit = setTimeout(() => controller.abort('time limit'), request.timeLimitMs)
  try {
    const result = await solve(request.problem, {
      seed: request.seed,
      signal: controller.signal,
      onProgress: (progress) => scope.postMessage({ type: 'progress', progress }),
    })
    if (controller.signal.reason !== 'cancel')
      scope.postMessage({ type: 'done', result, stoppedByTimeLimit: controller.signal.aborted })
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) })
  } finally {
    clearTimeout(timeLimit)
    running = null
  }
}

scope.onmessage = (event) => {
  if (event.data.type === 'cancel') running?.abort('cancel')
  else void run(event.data)
}
