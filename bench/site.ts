// site_home_p99_ms and site_page_bytes: the large school's public micro-site home under load (issue 13).
import autocannon from 'autocannon'
import { BENCH_SCHOOL, seedLargeSchool } from './seed.ts'
import { startBenchServer } from './server.ts'

export interface SiteHomeResult {
  p50: number
  p99: number
  requestsPerSecond: number
  bytesPerSecond: number
  requests: number
  errors: number
  non2xx: number
  articles: number
  htmlBytes: number
  cssBytes: number
}

/**
 * The home of the large school's site (300 articles) under `connections` concurrent clients for `seconds` on
 * SQLite; the load comes from a worker thread, so the server keeps the main thread as in production. Also the
 * bytes of the home page's HTML and CSS (images excluded), as a phone downloads them uncompressed.
 */
export async function measureSiteHome(connections = 50, seconds = 10): Promise<SiteHomeResult> {
  const server = await startBenchServer(seedLargeSchool)
  try {
    const home = `${server.url}/site/${BENCH_SCHOOL.code}/`
    const first = await fetch(home, { headers: { 'accept-language': 'zh-CN' } })
    if (!first.ok) throw new Error(`the site home answered ${first.status}`)
    const html = await first.text()
    const css = await (await fetch(`${server.url}/site/${BENCH_SCHOOL.code}/site.css`)).text()
    const result = await autocannon({
      url: home,
      connections,
      duration: seconds,
      workers: 1,
      headers: { 'accept-language': 'zh-CN' },
    })
    return {
      p50: result.latency.p50,
      p99: result.latency.p99,
      requestsPerSecond: result.requests.average,
      bytesPerSecond: result.throughput.average,
      requests: result.requests.total,
      errors: result.errors,
      non2xx: result.non2xx,
      articles: [...html.matchAll(/class="card"/g)].length,
      htmlBytes: Buffer.byteLength(html),
      cssBytes: Buffer.byteLength(css),
    }
  } finally {
    await server.close()
  }
}
