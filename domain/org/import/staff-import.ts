import { newId } from '../../documents.ts'
import type { Department } from '../departments.ts'
import type { Staff } from '../staff.ts'
import { created, indexBy, mergeInto, rowReport } from './build.ts'
import { Occurrences, rowReader } from './cells.ts'
import { comparable, type Cells } from './columns.ts'
import type { RowPlanner } from './plan.ts'
import { emptyWrites, error, note, type AddressBook, type ImportMessage, type Put } from './report.ts'

interface StaffRow {
  row: number
  messages: ImportMessage[]
  name: string
  phone: string
  staffNo: string
  position: string
  departments: string[]
  tags: string[]
  teaches?: boolean
  admin?: boolean
}

/**
 * Departments by path (`教务处/数学组`), created when missing. A single name matches a department of that name
 * anywhere in the tree when there is exactly one; a path is followed from the top.
 */
function departmentResolver(existing: readonly Department[]) {
  const all: Put<Department>[] = [...existing]
  const createdDepartments: Put<Department>[] = []

  const childrenOf = (parentId: string | undefined) => all.filter((d) => d.parentId === parentId)

  function child(parentId: string | undefined, name: string): { id: string; isNew: boolean } {
    const siblings = childrenOf(parentId)
    const found = siblings.find((d) => comparable(d.name) === comparable(name))
    if (found) return { id: found.id, isNew: false }
    const order = Math.max(-1, ...siblings.map((d) => d.order)) + 1
    const department = created<Department>({
      id: newId(),
      kind: 'department',
      name,
      order,
      parentId,
    })
    all.push(department)
    createdDepartments.push(department)
    return { id: department.id, isNew: true }
  }

  function resolve(path: string): { id: string; isNew: boolean } {
    const names = path
      .split('/')
      .map((name) => name.trim())
      .filter(Boolean)
    const [only] = names
    if (names.length === 1 && only) {
      const named = all.filter((d) => comparable(d.name) === comparable(only))
      if (named.length === 1 && named[0]) return { id: named[0].id, isNew: false }
    }
    let parentId: string | undefined
    let isNew = false
    for (const name of names) {
      const next = child(parentId, name)
      parentId = next.id
      isNew ||= next.isNew
    }
    return { id: parentId ?? '', isNew }
  }

  return { resolve, created: createdDepartments }
}

function readStaffRow(row: number, cells: Cells): StaffRow {
  const read = rowReader(cells)
  return {
    row,
    name: read.required('name', 60),
    phone: read.phone('phone'),
    staffNo: read.text('staffNo', 30),
    position: read.text('position', 60),
    departments: read.list('departments', 200),
    tags: read.list('tags', 30),
    teaches: read.yesNo('teaches'),
    admin: read.yesNo('admin'),
    messages: read.messages,
  }
}

/** AB-3 staff import: matched by staff no., else by phone, else (with neither) by a unique name. */
export function staffPlanner(book: AddressBook): RowPlanner {
  const rows: StaffRow[] = []
  const phones = new Occurrences()
  const staffNos = new Occurrences()
  const byStaffNo = indexBy(book.staff, (s) => s.staffNo && comparable(s.staffNo))
  const byPhone = indexBy(book.staff, (s) => s.phone)
  const byName = indexBy(book.staff, (s) => s.name)

  function add(row: number, cells: Cells): void {
    const parsed = readStaffRow(row, cells)
    phones.add(parsed.phone, row)
    staffNos.add(comparable(parsed.staffNo), row)
    rows.push(parsed)
  }

  function duplicates(row: StaffRow): void {
    const samePhone = phones.othersOf(row.phone, row.row)
    if (samePhone.length)
      row.messages.push(error('duplicateInFile', 'phone', { value: row.phone, rows: samePhone.join(', ') }))
    const sameNo = staffNos.othersOf(comparable(row.staffNo), row.row)
    if (sameNo.length)
      row.messages.push(error('duplicateInFile', 'staffNo', { value: row.staffNo, rows: sameNo.join(', ') }))
  }

  /** The stored staff member the row updates, or an error when its phone is someone else's. */
  function match(row: StaffRow): Staff | undefined {
    const withNo = row.staffNo ? byStaffNo.get(comparable(row.staffNo))?.[0] : undefined
    const withPhone = row.phone ? byPhone.get(row.phone)?.[0] : undefined
    if (withPhone && (withNo ? withPhone.id !== withNo.id : withPhone.name !== row.name)) {
      row.messages.push(error('phoneTaken', 'phone', { value: row.phone, name: withPhone.name }))
    }
    if (withNo ?? withPhone) return withNo ?? withPhone
    const named = !row.phone && !row.staffNo ? byName.get(row.name) : undefined
    return named?.length === 1 ? named[0] : undefined
  }

  function finish() {
    const departments = departmentResolver(book.departments)
    const staff: Put<Staff>[] = []
    const reports = rows.map((row) => {
      duplicates(row)
      const stored = match(row)
      if (row.messages.some((m) => m.level === 'error')) return rowReport(row.row, row.name, row.messages)
      const departmentIds = row.departments.map((path) => {
        const department = departments.resolve(path)
        if (department.isNew) row.messages.push(note('departmentCreated', { value: path }))
        return department.id
      })
      const fields = {
        name: row.name,
        phone: row.phone,
        staffNo: row.staffNo,
        position: row.position,
        departmentIds: departmentIds.length ? [...new Set(departmentIds)] : undefined,
        tags: row.tags.length ? row.tags : undefined,
        teaches: row.teaches,
        admin: row.admin,
      }
      const planned = stored
        ? mergeInto(stored, fields)
        : {
            doc: created<Staff>({
              id: newId(),
              kind: 'staff',
              ...fields,
              departmentIds: fields.departmentIds ?? [],
              tags: fields.tags ?? [],
              teaches: fields.teaches ?? false,
            }),
            action: 'create' as const,
          }
      if (planned.action !== 'unchanged') staff.push(planned.doc)
      return rowReport(row.row, row.name, row.messages, planned.action)
    })
    return { rows: reports, writes: { ...emptyWrites(), department: departments.created, staff } }
  }

  return { add, finish }
}
