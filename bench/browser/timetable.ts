// lesson_generation_ms and timetable_week_render_ms (DESIGN §11): the app's generation and week view code.
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import { createRxDatabase } from 'rxdb'
import { firstValueFrom } from 'rxjs'
import { computed, createApp, h, nextTick, reactive, ref, shallowRef } from 'vue'
import type { SessionUser } from '../../domain/auth/roles.ts'
import { inRange } from '../../domain/calendar/dates.ts'
import type { Term } from '../../domain/catalog/term.ts'
import type { BaseDocument, WireDocument } from '../../domain/documents.ts'
import { holidayRanges, isHoliday, type CalendarEvent } from '../../domain/events/calendar-event.ts'
import { collectionSchema } from '../../domain/rxdb-schemas.ts'
import { NO_FILTER } from '../../domain/timetable/filter.ts'
import { planGeneration, type GenerationInput } from '../../domain/timetable/generate.ts'
import type { Lesson } from '../../domain/timetable/lesson.ts'
import type { PlanEntry } from '../../domain/timetable/plan-entry.ts'
import { datesOfWeek, weekCount } from '../../domain/timetable/weeks.ts'
import {
  createCampusDatabase,
  createRepository,
  deleteDexieDatabases,
  type CampusDatabase,
} from '../../renderer/src/db/index.ts'
import { getReplicaStorage } from '../../renderer/src/db/replica-storage.ts'
import '../../renderer/src/app/styles.css'
import BookingCard from '../../renderer/src/features/timetable/booking-card.vue'
import SlotGrid from '../../renderer/src/features/timetable/slot-grid.vue'
import { periodRows, type BookingNames } from '../../renderer/src/features/timetable/use-references.ts'
import { useWeekLessons } from '../../renderer/src/features/timetable/use-week-lessons.ts'
import { generateLargeSchool, largeSchoolTimetable } from '../large-school.ts'

const ADMIN: SessionUser = { id: 'bench-admin', schoolId: 'bench', name: '基准管理员', roles: ['admin'] }

type NamedDocument = WireDocument & { name?: string; multiClass?: boolean }

/** Names and rooms of the large school by id, as the app's reference stores hold them. */
function schoolDirectory(): Map<string, NamedDocument> {
  const docs = Object.values(generateLargeSchool(ADMIN.schoolId)).flat() as NamedDocument[]
  return new Map(docs.map((doc) => [doc.id, doc]))
}

/** A fresh replica holding the term, its plan and its holidays, written as an admin through the gate. */
async function replicaWithPlan(): Promise<CampusDatabase> {
  const database = await createCampusDatabase({
    storage: getReplicaStorage(),
    name: `timetable-${Date.now()}`,
  })
  const { term, planEntries, holidays } = largeSchoolTimetable(ADMIN.schoolId)
  await createRepository<Term>(database, 'term', ADMIN).bulkPut([term])
  await createRepository<PlanEntry>(database, 'plan_entry', ADMIN).bulkPut(planEntries)
  await createRepository<CalendarEvent>(database, 'calendar_event', ADMIN).bulkPut(holidays)
  return database
}

/** What the generate dialog reads from the stores (the replica's live lists) for a first generation. */
async function generationInput(
  database: CampusDatabase,
  hostsSeveralClasses: (locationId: string) => boolean,
): Promise<GenerationInput> {
  const [term] = await liveList<Term>(database, 'term')
  if (!term) throw new Error('no term in the replica')
  return {
    term,
    entries: (await liveList<PlanEntry>(database, 'plan_entry')).filter((entry) => entry.termId === term.id),
    holidays: holidayRanges(await liveList<CalendarEvent>(database, 'calendar_event')),
    existing: (await liveList<Lesson>(database, 'lesson')).filter((lesson) => lesson.termId === term.id),
    from: term.start,
    hostsSeveralClasses,
  }
}

function liveList<T extends BaseDocument>(database: CampusDatabase, kind: T['kind']): Promise<T[]> {
  return firstValueFrom(createRepository<T>(database, kind, ADMIN).all$())
}

export interface GenerationRun {
  lessons: number
  /** `planGeneration`: the plan expanded into lessons, the diff against the replica, the clash report. */
  computeMs: number
  /** The repository's `bulkPut` of the lessons: every one gated (schema, permission), then RxDB in chunks. */
  writeMs: number
}

/** TT-7 as the generate dialog does it (the preview, then writing it) into a fresh replica. */
async function generateLessons(): Promise<GenerationRun> {
  const directory = schoolDirectory()
  const database = await replicaWithPlan()
  const input = await generationInput(database, (id) => directory.get(id)?.multiClass ?? false)
  const started = performance.now()
  const result = planGeneration(input)
  const computed = performance.now()
  await createRepository<Lesson>(database, 'lesson', ADMIN).bulkPut(result.writes)
  const written = performance.now()
  await database.remove()
  return { lessons: result.writes.length, computeMs: computed - started, writeMs: written - computed }
}

/** After the DOM is patched, two frames: the first frame's callbacks run before it is painted. */
async function painted(): Promise<void> {
  await nextTick()
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
}

async function timedUntilPainted(change: () => void): Promise<number> {
  const started = performance.now()
  change()
  await painted()
  return performance.now() - started
}

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

export interface WeekRenderRun {
  lessons: number
  /** Mounting the week with every lesson loaded: the lessons are grouped by date once, here. */
  firstRenderMs: number
  /** Each switch, alternately to the next class and to the next week. */
  switchesMs: number[]
}

/** TT-8: the week view's grid (the app's slot grid, booking cards and week computation) over the lessons. */
async function weekRender(switches: number): Promise<WeekRenderRun> {
  const directory = schoolDirectory()
  const hostsSeveralClasses = (id: string) => directory.get(id)?.multiClass ?? false
  const database = await replicaWithPlan()
  const input = await generationInput(database, hostsSeveralClasses)
  await createRepository<Lesson>(database, 'lesson', ADMIN).bulkPut(planGeneration(input).writes)
  const lessons = shallowRef(await liveList<Lesson>(database, 'lesson'))
  const events = await liveList<CalendarEvent>(database, 'calendar_event')
  const [term] = await liveList<Term>(database, 'term')
  if (!term) throw new Error('no term in the replica')
  const classIds = [...directory.values()].filter((doc) => doc.kind === 'class').map((doc) => doc.id)
  const nameOf = (id: string) => directory.get(id)?.name ?? '?'
  const namesOf = (lesson: Lesson): BookingNames => ({
    teacher: nameOf(lesson.teacherId),
    subject: nameOf(lesson.subjectId),
    className: nameOf(lesson.classId),
    room: nameOf(lesson.locationId),
  })

  const week = ref(1)
  const filter = reactive({ ...NO_FILTER, classId: classIds[0] ?? '' })
  const days = computed(() => datesOfWeek(term, week.value))
  const columns = computed(() =>
    days.value.map((date, i) => ({
      key: date,
      title: WEEKDAYS[i] ?? '',
      subtitle: date.slice(5),
      note: events.find((event) => isHoliday(event) && inRange(date, event))?.title,
    })),
  )
  const app = createApp({
    setup() {
      const { lessonsAt, clashReasonsOf } = useWeekLessons({
        lessons,
        termId: term.id,
        days,
        filter,
        hostsSeveralClasses,
      })
      return () =>
        h(
          SlotGrid,
          { rows: periodRows(term.periods), columns: columns.value },
          {
            cell: ({ row, column }: { row: { key: string }; column: { key: string } }) =>
              lessonsAt(row.key, column.key).map((lesson) =>
                h(BookingCard, {
                  key: lesson.id,
                  names: namesOf(lesson),
                  clash: clashReasonsOf(lesson)?.join('、'),
                  adjusted: lesson.adjusted,
                }),
              ),
          },
        )
    },
  }).use(ElementPlus)
  const host = document.createElement('section')
  host.className = 'list-page'
  document.body.append(host)

  const firstRenderMs = await timedUntilPainted(() => app.mount(host))
  const switchesMs: number[] = []
  for (let i = 0; i < switches; i++) {
    switchesMs.push(
      await timedUntilPainted(() => {
        if (i % 2 === 0) filter.classId = classIds[(i / 2 + 1) % classIds.length] ?? ''
        else week.value = (week.value % weekCount(term)) + 1
      }),
    )
  }
  const shown = host.querySelectorAll('.booking-card').length
  if (shown === 0) throw new Error('the week view shows no lesson')
  app.unmount()
  host.remove()
  await database.remove()
  return { lessons: lessons.value.length, firstRenderMs, switchesMs }
}

export interface MigrationRun {
  lessons: number
  /** `createCampusDatabase` of the version 0 replica: the schema migration to version 1 included. */
  openMs: number
}

/** The timetable collection as it was before its `date` index (schema version 0). */
function timetableSchemaVersion0() {
  const { date: _date, ...properties } = collectionSchema('timetable').properties
  return { ...collectionSchema('timetable'), version: 0, properties, indexes: [['kind', 'id']] }
}

/**
 * A replica as the app wrote it before the timetable's schema version 1: the term's generated lessons of `schoolId`
 * in the version 0 timetable, no replication meta data. Any replica of that name is removed first.
 */
async function writeVersion0Replica(name: string, schoolId: string): Promise<number> {
  await deleteDexieDatabases(indexedDB, name)
  const { term, planEntries, holidays } = largeSchoolTimetable(schoolId)
  const { writes } = planGeneration({
    term,
    entries: planEntries,
    holidays: holidayRanges(holidays),
    existing: [],
    from: term.start,
  })
  const old = await createRxDatabase({ name, storage: getReplicaStorage(), multiInstance: false })
  const { timetable } = await old.addCollections({ timetable: { schema: timetableSchemaVersion0() } })
  await timetable.bulkInsert(writes.map((lesson) => ({ ...lesson, schoolId, updatedAt: 1 })))
  await old.close()
  return writes.length
}

/** The one-time migration of issue 18's schema version 1: a version 0 replica opened by the app. */
async function migrateLessons(): Promise<MigrationRun> {
  const name = `migration-${Date.now()}`
  await writeVersion0Replica(name, ADMIN.schoolId)
  const started = performance.now()
  const database = await createCampusDatabase({ storage: getReplicaStorage(), name })
  const openMs = performance.now() - started
  const lessons = await database.collection('timetable').count().exec()
  await database.remove()
  return { lessons, openMs }
}

export const timetableBench = { generateLessons, weekRender, migrateLessons, writeVersion0Replica }
