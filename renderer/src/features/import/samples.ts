import type { ImportType } from '../../../../domain/org/import/report.ts'
import staffSample from '../../../../docs/samples/address-book-1-staff.xlsx?url'
import classesSample from '../../../../docs/samples/address-book-2-classes.xlsx?url'
import studentsSample from '../../../../docs/samples/address-book-3-students.xlsx?url'
import studentsWithErrors from '../../../../docs/samples/address-book-students-with-errors.xlsx?url'

/** A realistic file to try the import with (docs/samples, written by scripts/address-book-samples.ts). */
export interface ImportSample {
  /** The locale key of its link. */
  label: 'sample' | 'sampleWithErrors'
  fileName: string
  url: string
}

const file = (label: ImportSample['label'], url: string, fileName: string): ImportSample => ({
  label,
  url,
  fileName,
})

/** Staff, then classes, then students import into the demo school without an error. */
export const IMPORT_SAMPLES: Record<ImportType, ImportSample[]> = {
  staff: [file('sample', staffSample, 'address-book-1-staff.xlsx')],
  classes: [file('sample', classesSample, 'address-book-2-classes.xlsx')],
  students: [
    file('sample', studentsSample, 'address-book-3-students.xlsx'),
    file('sampleWithErrors', studentsWithErrors, 'address-book-students-with-errors.xlsx'),
  ],
}
