import { readFile, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { app, BrowserWindow, dialog, type WebContents } from 'electron'
import type { OpenFileRequest, OpenFileResult, SaveFileRequest, SaveFileResult } from '../../preload/api.ts'
import type { Routes } from './handle.ts'
import { argumentsOf, MAX_FILE_BYTES, openFileRequest, saveFileRequest } from './validate.ts'

export function fileRoutes(): Pick<Routes, 'file:save' | 'file:open'> {
  return {
    'file:save': {
      validateArgs: argumentsOf(saveFileRequest),
      run: (event, request) => saveFile(event.sender, request),
    },
    'file:open': {
      validateArgs: argumentsOf(openFileRequest),
      run: (event, request) => openFile(event.sender, request),
    },
  }
}

/** Dialogs are modal to the calling window, so that they cannot get lost behind it. */
function windowOf(sender: WebContents): BrowserWindow {
  const owner = BrowserWindow.fromWebContents(sender)
  if (!owner) throw new Error('the calling page has no window')
  return owner
}

/** Asks where to save (starting in Documents with the suggested name), then writes there. */
export async function saveFile(sender: WebContents, request: SaveFileRequest): Promise<SaveFileResult> {
  const options = {
    defaultPath: join(app.getPath('documents'), request.defaultName),
    filters: request.filters,
  }
  const { canceled, filePath } = await dialog.showSaveDialog(windowOf(sender), options)
  if (canceled || !filePath) return { saved: false }
  await writeFile(filePath, request.data)
  return { saved: true, path: filePath }
}

async function openFile(sender: WebContents, request: OpenFileRequest): Promise<OpenFileResult> {
  const options = { properties: ['openFile' as const], filters: request.filters }
  const { canceled, filePaths } = await dialog.showOpenDialog(windowOf(sender), options)
  const [filePath] = filePaths
  if (canceled || !filePath) return { opened: false }
  if ((await stat(filePath)).size > MAX_FILE_BYTES) {
    throw new Error(`${basename(filePath)} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`)
  }
  return { opened: true, name: basename(filePath), data: await readFile(filePath) }
}
