import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// DESIGN §2's dependency rule, as eslint.config.js enforces it: each case lints one import in a file of that area.
const eslint = new ESLint()

async function refusal(filePath: string, code: string): Promise<string | null> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath })
  const message = result?.messages.find((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
  return message?.message ?? null
}

const use = (names: string) => `console.log(${names})`

describe('dependency boundaries (DESIGN §2)', () => {
  it('keep domain/ free of I/O and frameworks', async () => {
    for (const code of [
      "import { readFile } from 'fs'",
      "import { join } from 'path'",
      "import { createHash } from 'crypto'",
      "import { readFile } from 'fs/promises'",
      "import { readFile } from 'node:fs'",
      "import pg from 'pg'",
      "import ExcelJS from 'exceljs'",
      "import { Dexie } from 'dexie'",
      "import { ref } from 'vue'",
      "import { ElMessage } from 'element-plus'",
      "import Fastify from 'fastify'",
      "import { createRxDatabase } from 'rxdb'",
      "import { app } from 'electron'",
    ]) {
      expect(
        await refusal(
          'domain/catalog/example.ts',
          `${code}\n${use('readFile, join, createHash, pg, ExcelJS, Dexie, ref, ElMessage, Fastify, createRxDatabase, app')}`,
        ),
        code,
      ).not.toBeNull()
    }
  })

  it('keep domain/ from reaching into the other areas at any depth', async () => {
    for (const path of [
      '../../renderer/src/db/index.ts',
      '../../../renderer/src/app/x.ts',
      '../../sync-server/src/app.ts',
    ]) {
      expect(
        await refusal('domain/org/import/example.ts', `import { x } from '${path}'\n${use('x')}`),
        path,
      ).not.toBeNull()
    }
  })

  it('let domain/ use its own files and pure packages', async () => {
    expect(
      await refusal('domain/org/example.ts', `import { newId } from '../documents.ts'\n${use('newId')}`),
    ).toBeNull()
    expect(
      await refusal(
        'domain/org/example.ts',
        `import { XMLParser } from 'fast-xml-parser'\n${use('XMLParser')}`,
      ),
    ).toBeNull()
  })

  it('let the renderer import the window.desktop contract with import type only', async () => {
    const file = 'renderer/src/features/example/example.ts'
    const contract = '../../../../electron/preload/api.ts'
    expect(
      await refusal(file, `import type { DesktopApi } from '${contract}'\nexport type A = DesktopApi`),
    ).toBeNull()
    expect(
      await refusal(file, `import { DesktopApi } from '${contract}'\n${use('DesktopApi')}`),
    ).not.toBeNull()
    expect(
      await refusal(file, `import { x } from '../../../../electron/main/index.ts'\n${use('x')}`),
    ).not.toBeNull()
    expect(await refusal(file, `import { app } from 'electron'\n${use('app')}`)).not.toBeNull()
  })

  it('keep Node and the server out of the renderer', async () => {
    const file = 'renderer/src/db/example.ts'
    for (const code of [
      "import { readFile } from 'fs'",
      "import { readFile } from 'node:fs'",
      "import { x } from '../../../sync-server/src/app.ts'",
      "import Fastify from 'fastify'",
    ]) {
      expect(await refusal(file, `${code}\n${use('readFile, x, Fastify')}`), code).not.toBeNull()
    }
  })

  it('keep the sync server and electron/ apart from each other and from the renderer', async () => {
    expect(
      await refusal(
        'sync-server/src/example.ts',
        `import { x } from '../../renderer/src/db/index.ts'\n${use('x')}`,
      ),
    ).not.toBeNull()
    expect(
      await refusal('sync-server/src/example.ts', `import { app } from 'electron'\n${use('app')}`),
    ).not.toBeNull()
    expect(
      await refusal(
        'electron/main/example.ts',
        `import { x } from '../../renderer/src/app/desktop.ts'\n${use('x')}`,
      ),
    ).not.toBeNull()
    expect(
      await refusal(
        'electron/main/example.ts',
        `import { x } from '../../sync-server/src/app.ts'\n${use('x')}`,
      ),
    ).not.toBeNull()
    expect(
      await refusal(
        'sync-server/src/example.ts',
        `import { x } from '../../domain/documents.ts'\n${use('x')}`,
      ),
    ).toBeNull()
  })
})
