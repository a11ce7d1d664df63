import type { FormItemRule, FormRules } from 'element-plus'
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { PHONE_PATTERN } from '../../../../domain/org/staff.ts'
import {
  guardianEntriesOf,
  planGuardians,
  studentNoOwner,
  type GuardianEntry,
} from '../../../../domain/org/student-guardians.ts'
import type { Student } from '../../../../domain/org/student.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { maxLengthRule, requiredRule } from '../../ui/form-rules.ts'
import { useClassStore, useGuardianStore, useStudentStore } from '../org/stores.ts'

interface StudentModel {
  name: string
  studentNo: string
  nationalStudentNo: string
  localStudentNo: string
  idNumber: string
  classId: string
  phone: string
  guardians: GuardianEntry[]
}

const phonePattern = new RegExp(PHONE_PATTERN)
const OPTIONAL_FIELDS = ['nationalStudentNo', 'localStudentNo', 'idNumber', 'phone'] as const

const emptyGuardian = (): GuardianEntry => ({ name: '', relationship: '', phone: '' })

/** A rule from a check; `onSaveOnly`: run by the form's validate() only, not when a field is left. */
function validator(problem: (value: unknown) => string | null, onSaveOnly = false): FormItemRule {
  return {
    trigger: onSaveOnly ? [] : 'blur',
    validator: (_rule, value: unknown, callback) => {
      const message = problem(value)
      callback(message ? new Error(message) : undefined)
    },
  }
}

/** The add/edit dialog of a student with their guardians (AB-2). */
export function useStudentForm(
  visible: Ref<boolean>,
  editing: Ref<Student | null>,
  defaultClassId: Ref<string>,
) {
  const students = useStudentStore()
  const guardians = useGuardianStore()
  const classes = useClassStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()

  const dialog = useFormDialog<StudentModel>({
    visible,
    initial: () => {
      const s = editing.value
      const entries = s ? guardianEntriesOf(s.id, guardians.items) : []
      return {
        name: s?.name ?? '',
        studentNo: s?.studentNo ?? '',
        nationalStudentNo: s?.nationalStudentNo ?? '',
        localStudentNo: s?.localStudentNo ?? '',
        idNumber: s?.idNumber ?? '',
        classId: s?.classId ?? defaultClassId.value,
        phone: s?.phone ?? '',
        guardians: entries.length ? entries : [emptyGuardian()],
      }
    },
    save: (model) => run(() => saveStudent(model), t('common.saved')),
  })

  async function saveStudent(model: StudentModel): Promise<Student> {
    const optional = Object.fromEntries(OPTIONAL_FIELDS.map((f) => [f, model[f].trim() || undefined]))
    const fields = { name: model.name.trim(), studentNo: model.studentNo.trim(), classId: model.classId }
    const current = editing.value
    const saved = current
      ? await students.patch(current.id, { ...optional, ...fields })
      : await students.insert({ ...defined(optional), ...fields, status: 'active' })
    const plan = planGuardians(saved.id, model.guardians, guardians.items)
    for (const draft of plan.inserts) await guardians.insert(draft)
    for (const p of plan.patches) await guardians.patch(p.id, { children: p.children })
    for (const id of plan.removes) await guardians.remove(id)
    return saved
  }

  /** The existing guardian a row's phone links to, for the hint under the row. */
  function linkedGuardian(entry: GuardianEntry): string | null {
    const phone = entry.phone.trim()
    return guardians.items.find((g) => g.phone === phone)?.name ?? null
  }

  function guardianProblem(entries: GuardianEntry[]): string | null {
    const filled = entries.filter((e) => e.name.trim() || e.phone.trim() || e.relationship.trim())
    if (filled.some((e) => !e.name.trim() || !e.relationship.trim()))
      return t('homeSchool.studentForm.guardianIncomplete')
    const bad = filled.find((e) => !phonePattern.test(e.phone.trim()))
    if (bad) return t('homeSchool.studentForm.badPhone', { phone: bad.phone || '—' })
    const phones = filled.map((e) => e.phone.trim())
    const twice = phones.find((p, i) => phones.indexOf(p) !== i)
    return twice ? t('homeSchool.studentForm.phoneTwice', { phone: twice }) : null
  }

  const rules = computed<FormRules>(() => ({
    name: [
      requiredRule(t('homeSchool.studentForm.nameRequired')),
      maxLengthRule(60, t('homeSchool.studentForm.tooLong')),
    ],
    studentNo: [
      requiredRule(t('homeSchool.studentForm.studentNoRequired')),
      validator((value) => {
        const owner =
          typeof value === 'string' ? studentNoOwner(value, students.items, editing.value?.id ?? null) : null
        return owner ? t('homeSchool.studentForm.studentNoTaken', { name: owner.name }) : null
      }),
    ],
    classId: [requiredRule(t('homeSchool.studentForm.classRequired'), 'change')],
    phone: [
      validator((v) =>
        typeof v === 'string' && v.trim() && !phonePattern.test(v.trim())
          ? t('homeSchool.studentForm.badPhone', { phone: v })
          : null,
      ),
    ],
    // Guardian rows are filled one input at a time: a half-filled row is not an error until saving.
    guardians: [validator((v) => guardianProblem(v as GuardianEntry[]), true)],
  }))

  function addGuardian(): void {
    dialog.model.guardians = [...dialog.model.guardians, emptyGuardian()]
  }

  function removeGuardian(index: number): void {
    dialog.model.guardians = dialog.model.guardians.filter((_g, i) => i !== index)
  }

  const classOptions = computed(() => classes.items.map((c) => ({ value: c.id, label: `${c.name}` })))
  const title = computed(() =>
    t(editing.value ? 'homeSchool.studentForm.edit' : 'homeSchool.studentForm.add'),
  )
  return { ...dialog, rules, title, classOptions, linkedGuardian, addGuardian, removeGuardian }
}

function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>
}
