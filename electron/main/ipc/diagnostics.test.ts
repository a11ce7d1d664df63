import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDiagnosticFile } from './diagnostics.ts'

describe('diagnostic file', () => {
  let folder: string
  let filePath: string

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'campus-desk-diagnostics-'))
    filePath = join(folder, 'user-data', 'diagnostics.json')
  })
  afterEach(() => rmSync(folder, { recursive: true, force: true }))

  it('has no log before the first save', async () => {
    expect(await createDiagnosticFile(filePath).load()).toBeNull()
  })

  it('keeps what the renderer saved, in the user data folder', async () => {
    const file = createDiagnosticFile(filePath)
    await file.save('[{"message":"one"}]')
    expect(readFileSync(filePath, 'utf8')).toBe('[{"message":"one"}]')
    expect(await createDiagnosticFile(filePath).load()).toBe('[{"message":"one"}]')
  })

  it('applies saves in order, and a load waits for them', async () => {
    const file = createDiagnosticFile(filePath)
    void file.save('[1]')
    void file.save('[1,2]')
    expect(await file.load()).toBe('[1,2]')
  })

  it('reads an existing file as it is (the renderer decides whether it is readable)', async () => {
    await createDiagnosticFile(filePath).save('[]')
    writeFileSync(filePath, 'damaged')
    expect(await createDiagnosticFile(filePath).load()).toBe('damaged')
  })
})
