// Makes the demo course's short video (sync-server/src/seed/assets/demo-video.webm, shipped in the repo): a
// 4-second animation drawn on a canvas in headless Chromium and recorded with MediaRecorder (VP8, WebM). Current
// Chromium writes the duration and cues, so players show the length and seek; the script checks both.
// Run: node scripts/make-demo-video.ts
import { writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const SECONDS = 4
const OUT = new URL('../sync-server/src/seed/assets/demo-video.webm', import.meta.url)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
const page = await browser.newPage()
// Runs in the page (plain JavaScript: this project's Node typecheck has no DOM types).
const RECORD = `async (seconds) => {
  const canvas = document.createElement('canvas')
  canvas.width = 320
  canvas.height = 180
  document.body.append(canvas)
  const context = canvas.getContext('2d') 
  const recorder = new MediaRecorder(canvas.captureStream(15), {
    mimeType: 'video/webm;codecs=vp8',
    videoBitsPerSecond: 250_000,
  })
  const chunks = []
  recorder.ondataavailable = (event) => chunks.push(event.data)
  const stopped = new Promise((resolve) => (recorder.onstop = resolve))
  const start = performance.now()
  recorder.start()
  await new Promise((resolve) => {
    const frame = () => {
      const t = (performance.now() - start) / 1000
      context.fillStyle = '#0f4c81'
      context.fillRect(0, 0, 320, 180)
      context.fillStyle = '#ffd166'
      context.beginPath()
      context.arc(30 + (t / seconds) * 260, 120 - Math.abs(Math.sin(t * 3)) * 80, 16, 0, Math.PI * 2)
      context.fill()
      context.fillStyle = '#ffffff'
      context.font = '20px sans-serif'
      context.fillText('Projectile motion  ' + t.toFixed(1) + ' s', 16, 30)
      if (t < seconds) requestAnimationFrame(frame)
      else resolve()
    }
    frame()
  })
  recorder.stop()
  await stopped
  return [...new Uint8Array(await new Blob(chunks).arrayBuffer())]
}`
const recorded = (await page.evaluate(`(${RECORD})(${SECONDS})`)) as number[]
const webm = new Uint8Array(recorded)
const check = await browser.newPage()
const PLAY = `async (base64) => {
  const video = document.createElement('video')
  video.muted = true
  video.src = 'data:video/webm;base64,' + base64
  await new Promise((resolve, reject) => {
    video.onloadedmetadata = resolve
    video.onerror = () => reject(new Error('the recording does not play (' + video.error?.code + ')'))
  })
  video.currentTime = video.duration / 2
  await new Promise((resolve) => (video.onseeked = resolve))
  return { duration: video.duration, seekedTo: video.currentTime }
}`
const played = (await check.evaluate(
  `(${PLAY})(${JSON.stringify(Buffer.from(webm).toString('base64'))})`,
)) as { duration: number; seekedTo: number }
if (!Number.isFinite(played.duration))
  throw new Error('the recording has no duration: seeking would not work')
await browser.close()
writeFileSync(OUT, webm)
console.log(
  `wrote ${OUT.pathname}: ${webm.length} bytes, ${played.duration} s, seeks to ${played.seekedTo} s`,
)
