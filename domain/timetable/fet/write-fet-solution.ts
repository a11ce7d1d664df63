import { dayOf, hourOf, item, type Assignment, type Problem } from '../solver/problem.ts'
import type { FetPlacement } from './fet-model.ts'

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** FET's `<name>_activities.xml`: where each activity is, by day, hour and room name. */
export function writeFetSolution(placements: FetPlacement[]): string {
  const activities = placements.map(
    (p) =>
      `<Activity>\n\t<Id>${p.id}</Id>\n\t<Day>${escapeXml(p.day)}</Day>\n\t<Hour>${escapeXml(p.hour)}</Hour>\n` +
      `\t<Room>${escapeXml(p.room)}</Room>\n</Activity>\n`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Activities_Timetable>\n${activities.join('')}</Activities_Timetable>\n`
}

/** The placed activities of an assignment, by FET names ('' for no room). */
export function fetPlacements(problem: Problem, assignment: Assignment): FetPlacement[] {
  return problem.activities.flatMap((activity, index) => {
    const placement = assignment[index]
    if (!placement) return []
    const day = item(problem.dayNames, dayOf(problem, placement.slot))
    const hour = item(problem.hourNames, hourOf(problem, placement.slot))
    const room = placement.room === null ? '' : item(problem.rooms, placement.room).name
    return [{ id: activity.id, day, hour, room }]
  })
}

function lockTime(p: FetPlacement): string {
  return (
    `<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n` +
    `\t<Activity_Id>${p.id}</Activity_Id>\n\t<Preferred_Day>${escapeXml(p.day)}</Preferred_Day>\n` +
    `\t<Preferred_Hour>${escapeXml(p.hour)}</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>\n` +
    `\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredStartingTime>\n`
  )
}

function lockRoom(p: FetPlacement): string {
  return (
    `<ConstraintActivityPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>\n` +
    `\t<Activity_Id>${p.id}</Activity_Id>\n\t<Room>${escapeXml(p.room)}</Room>\n` +
    `\t<Permanently_Locked>true</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n` +
    `</ConstraintActivityPreferredRoom>\n`
  )
}

function insertBefore(xml: string, closingTag: string, addition: string): string {
  const at = xml.lastIndexOf(closingTag)
  if (at < 0) throw new Error(`the .fet text has no ${closingTag}`)
  return xml.slice(0, at) + addition + xml.slice(at)
}

/**
 * The `.fet` text with every placement locked: a permanently locked ActivityPreferredStartingTime and (when the
 * activity has a room) ActivityPreferredRoom, weight 100. FET accepts it exactly when the placements are valid.
 */
export function lockFetSolution(fetXml: string, placements: FetPlacement[]): string {
  const times = placements.map(lockTime).join('')
  const rooms = placements
    .filter((p) => p.room !== '')
    .map(lockRoom)
    .join('')
  return insertBefore(
    insertBefore(fetXml, '</Time_Constraints_List>', times),
    '</Space_Constraints_List>',
    rooms,
  )
}
