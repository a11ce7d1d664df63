// The demo school's accounts and term as the specs use them (sync-server/src/seed/demo.ts seeds them).
import { DEMO_PASSWORD } from '../sync-server/src/seed/demo.ts'

export const PASSWORD = DEMO_PASSWORD
/** 王校长, the admin. */
export const ADMIN = { account: '13800000001', password: DEMO_PASSWORD }
/** 李老师, a teacher with classes and a timetable. */
export const TEACHER = {
  account: '13800000002',
  password: DEMO_PASSWORD,
  id: 'demo-staff-li',
  name: '李老师',
}
/** 刘老师, a second teacher. */
export const OTHER_TEACHER = { account: '13800000004', password: DEMO_PASSWORD }
export const SEEDED_TERM = '2026-2027学年第一学期'
