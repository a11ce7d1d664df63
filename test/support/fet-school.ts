import { assignmentFromFet, problemFromFet } from '../../domain/timetable/fet/fet-to-problem.ts'
import { readFet } from '../../domain/timetable/fet/read-fet.ts'
import type { Assignment, Problem } from '../../domain/timetable/solver/problem.ts'

/**
 * A tiny school as `.fet` text, for hand-made checker cases: days Mo Tu We, hours 1–4, teachers A and B, year Y1
 * with group G1 (subgroups S1 and S2, 10 students each) and year Y2 without groups (5 students), rooms R1 (30
 * seats) and R2 (10). Activities: 1 and 2 (A, Math, G1, tag lab, one split activity), 3 (B, Art, Y2, 2 hours),
 * 4 (B, Sport, S1). fet-cl reads it too (it needs the numbers of days and hours, and every activity's total duration and
 * group id).
 */
export function schoolFet(timeConstraints: string[] = [], spaceConstraints: string[] = []): string {
  const list = (outer: string, inner: string, items: string[], counted = '') =>
    `<${outer}>\n${counted && `<Number_of_${counted}>${items.length}</Number_of_${counted}>\n`}` +
    `${items.map((name) => `<${inner}><Name>${name}</Name></${inner}>`).join('\n')}\n</${outer}>`
  const activity = (id: number, teacher: string, subject: string, students: string, extra: string) =>
    `<Activity><Teacher>${teacher}</Teacher><Subject>${subject}</Subject><Students>${students}</Students>${extra}` +
    `<Id>${id}</Id><Active>true</Active></Activity>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
${list('Days_List', 'Day', ['Mo', 'Tu', 'We'], 'Days')}
${list('Hours_List', 'Hour', ['1', '2', '3', '4'], 'Hours')}
${list('Subjects_List', 'Subject', ['Math', 'Art', 'Sport'])}
${list('Activity_Tags_List', 'Activity_Tag', ['lab'])}
${list('Teachers_List', 'Teacher', ['A', 'B'])}
<Students_List>
<Year><Name>Y1</Name><Number_of_Students>20</Number_of_Students>
<Group><Name>G1</Name><Number_of_Students>20</Number_of_Students>
<Subgroup><Name>S1</Name><Number_of_Students>10</Number_of_Students></Subgroup>
<Subgroup><Name>S2</Name><Number_of_Students>10</Number_of_Students></Subgroup>
</Group></Year>
<Year><Name>Y2</Name><Number_of_Students>5</Number_of_Students></Year>
</Students_List>
<Activities_List>
${activity(1, 'A', 'Math', 'G1', '<Activity_Tag>lab</Activity_Tag><Duration>1</Duration><Total_Duration>2</Total_Duration><Activity_Group_Id>1</Activity_Group_Id>')}
${activity(2, 'A', 'Math', 'G1', '<Activity_Tag>lab</Activity_Tag><Duration>1</Duration><Total_Duration>2</Total_Duration><Activity_Group_Id>1</Activity_Group_Id>')}
${activity(3, 'B', 'Art', 'Y2', '<Duration>2</Duration><Total_Duration>2</Total_Duration><Activity_Group_Id>0</Activity_Group_Id>')}
${activity(4, 'B', 'Sport', 'S1', '<Duration>1</Duration><Total_Duration>1</Total_Duration><Activity_Group_Id>0</Activity_Group_Id>')}
</Activities_List>
<Buildings_List></Buildings_List>
<Rooms_List>
<Room><Name>R1</Name><Building></Building><Capacity>30</Capacity><Virtual>false</Virtual></Room>
<Room><Name>R2</Name><Building></Building><Capacity>10</Capacity><Virtual>false</Virtual></Room>
</Rooms_List>
<Time_Constraints_List>
${constraint('BasicCompulsoryTime', '')}
${timeConstraints.join('\n')}
</Time_Constraints_List>
<Space_Constraints_List>
${constraint('BasicCompulsorySpace', '')}
${spaceConstraints.join('\n')}
</Space_Constraints_List>
</fet>
`
}

/** One constraint element: `Constraint<type>` with its weight, the given body and active. */
export function constraint(type: string, body: string, weight = 100, active = true): string {
  return `<Constraint${type}><Weight_Percentage>${weight}</Weight_Percentage>${body}<Active>${active}</Active></Constraint${type}>`
}

/** Day/hour pairs in FET's element names, e.g. times('Not_Available_Time', 'Day', 'Hour', ['Mo', '1']). */
export function times(item: string, dayTag: string, hourTag: string, slots: [string, string][]): string {
  return slots
    .map(([day, hour]) => `<${item}><${dayTag}>${day}</${dayTag}><${hourTag}>${hour}</${hourTag}></${item}>`)
    .join('')
}

export type Placements = Record<number, [day: string, hour: string, room: string]>

/** The valid base timetable of the school: nothing clashes and every room fits. */
export const BASE_PLACEMENTS: Placements = {
  1: ['Mo', '1', 'R1'],
  2: ['Tu', '1', 'R1'],
  3: ['Mo', '1', 'R2'],
  4: ['We', '2', 'R2'],
}

export function schoolProblem(fetText: string): Problem {
  return problemFromFet(readFet(fetText))
}

/** The base placements with `changes` applied, as an assignment of the problem. */
export function place(problem: Problem, changes: Placements = {}): Assignment {
  const placements = Object.entries({ ...BASE_PLACEMENTS, ...changes }).map(([id, [day, hour, room]]) => ({
    id: Number(id),
    day,
    hour,
    room,
  }))
  return assignmentFromFet(problem, placements)
}
