import { spawnSync } from 'node:child_process'

/** The e2e tests drive the real renderer build, served by a real sync server in web mode. */
export default function globalSetup(): void {
  const result = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('electron-vite build failed')
}
