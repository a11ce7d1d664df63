import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Writes through a temporary file and a rename, so that a crash mid-write never leaves half a file. */
export async function writeFileAtomically(filePath: string, text: string): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true })
  const temporary = `${filePath}.tmp`
  await writeFile(temporary, text, { mode: 0o600 })
  await rename(temporary, filePath)
}
