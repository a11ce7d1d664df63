// The shipped sample files (docs/samples/) as an admin uploads them: read with the app's own readers.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { planPromotion } from '../../domain/org/promotion/plan.ts'
import { parseRegistration } from '../../domain/org/promotion/registration-file.ts'
import {
  SAMPLE_FILES,
  SAMPLE_REGISTRATION,
  SAMPLE_REGISTRATION_WITH_ANOMALIES,
  SAMPLE_STRUCTURE,
} from '../../domain/org/promotion/samples.ts'
import { parseStructureSheet } from '../../domain/org/promotion/structure-file.ts'
import { demoAddressBook, sequentialIds } from '../../domain/org/promotion/testing.ts'
import { readTables } from '../../renderer/src/ui/excel/workbook.ts'
import { SAMPLES_DIR } from './write-samples.ts'

const read = (name: string) => readFile(`${SAMPLES_DIR}${name}`)

async function structureRows() {
  const [sheet] = await readTables(new Uint8Array(await read(SAMPLE_FILES.structure)))
  return sheet?.rows ?? []
}

async function registration(name: string) {
  const parsed = parseRegistration(await read(name).then((bytes) => bytes.toString('utf8')))
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.file
}

describe('promotion sample files (regenerate: node test/promotion/write-samples.ts)', () => {
  it('hold what domain/org/promotion/samples.ts describes', async () => {
    expect(await structureRows()).toEqual(SAMPLE_STRUCTURE)
    expect(await registration(SAMPLE_FILES.registration)).toEqual(SAMPLE_REGISTRATION)
    expect(await registration(SAMPLE_FILES.registrationWithAnomalies)).toEqual(
      SAMPLE_REGISTRATION_WITH_ANOMALIES,
    )
  })

  it('give the preview the documentation describes', async () => {
    const { rows, problems } = parseStructureSheet(await structureRows())
    expect(problems).toEqual([])
    const plan = planPromotion(
      rows,
      await registration(SAMPLE_FILES.registrationWithAnomalies),
      demoAddressBook(),
      {
        today: '2027-08-25',
        graceDays: 30,
        newId: sequentialIds(),
      },
    )
    expect(plan.counts).toEqual({
      classesNew: 6,
      classesChanged: 0,
      classesAbsent: 4,
      moved: 9,
      new: 2,
      unchanged: 0,
      missing: 1,
      alumni: 0,
      anomalies: 6,
      guardians: 1,
    })
  })
})
