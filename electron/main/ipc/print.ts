import type { Routes } from './handle.ts'
import { saveFile } from './files.ts'
import { argumentsOf, fileName } from './validate.ts'

export function printRoutes(): Pick<Routes, 'print:pdf'> {
  return {
    'print:pdf': {
      validateArgs: argumentsOf(fileName),
      async run(event, defaultName) {
        const pdf = await event.sender.printToPDF({ printBackground: true })
        const name = defaultName.toLowerCase().endsWith('.pdf') ? defaultName : `${defaultName}.pdf`
        return saveFile(event.sender, {
          defaultName: name,
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
          data: pdf,
        })
      },
    },
  }
}
