import type { AddressBook, ImportWrites, WriteKind } from '../../../../domain/org/import/report.ts'
import type { ProgressListener } from '../../db/index.ts'
import {
  useCampusStore,
  useClassStore,
  useDepartmentStore,
  useGradeStore,
  useGuardianStore,
  useStaffStore,
  useStudentStore,
} from '../org/stores.ts'
import { useSubjectStore } from '../subjects/store.ts'

type Writers = { [K in WriteKind]: (docs: ImportWrites[K], onProgress: ProgressListener) => Promise<void> }

/** The address-book stores an import reads, and their bulk writes by kind. */
export function useAddressBook() {
  const departments = useDepartmentStore()
  const staff = useStaffStore()
  const campuses = useCampusStore()
  const grades = useGradeStore()
  const classes = useClassStore()
  const students = useStudentStore()
  const guardians = useGuardianStore()
  const subjects = useSubjectStore()

  /** The current documents: an import is planned against what is there when its file is read. */
  function snapshot(): AddressBook {
    return {
      departments: departments.items,
      staff: staff.items,
      campuses: campuses.items,
      grades: grades.items,
      classes: classes.items,
      students: students.items,
      guardians: guardians.items,
      subjects: subjects.items,
    }
  }

  const writers: Writers = {
    department: (docs, onProgress) => departments.bulkPut(docs, onProgress),
    campus: (docs, onProgress) => campuses.bulkPut(docs, onProgress),
    grade: (docs, onProgress) => grades.bulkPut(docs, onProgress),
    class: (docs, onProgress) => classes.bulkPut(docs, onProgress),
    staff: (docs, onProgress) => staff.bulkPut(docs, onProgress),
    student: (docs, onProgress) => students.bulkPut(docs, onProgress),
    guardian: (docs, onProgress) => guardians.bulkPut(docs, onProgress),
  }

  function bulkPut<K extends WriteKind>(kind: K, docs: ImportWrites[K], onProgress: ProgressListener) {
    return writers[kind](docs, onProgress)
  }

  return { snapshot, bulkPut }
}
