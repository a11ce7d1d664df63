// Writes the promotion sample files of docs/samples/ from domain/org/promotion/samples.ts:
// `node test/promotion/write-samples.ts` (samples.test.ts checks that the files match).
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  SAMPLE_FILES,
  SAMPLE_REGISTRATION,
  SAMPLE_REGISTRATION_WITH_ANOMALIES,
  SAMPLE_STRUCTURE,
} from '../../domain/org/promotion/samples.ts'
import { writeTables } from '../../renderer/src/ui/excel/workbook.ts'

export const SAMPLES_DIR = fileURLToPath(new URL('../../docs/samples/', import.meta.url))

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

async function writeSamples(): Promise<void> {
  const [header = [], ...rows] = SAMPLE_STRUCTURE
  const structure = await writeTables([
    { name: 'B08', columns: header.map((text) => ({ header: text, width: 14 })), rows },
  ])
  await writeFile(`${SAMPLES_DIR}${SAMPLE_FILES.structure}`, structure)
  await writeFile(`${SAMPLES_DIR}${SAMPLE_FILES.registration}`, json(SAMPLE_REGISTRATION))
  await writeFile(
    `${SAMPLES_DIR}${SAMPLE_FILES.registrationWithAnomalies}`,
    json(SAMPLE_REGISTRATION_WITH_ANOMALIES),
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeSamples()
