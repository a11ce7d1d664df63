import type { CalendarEvent } from '../../../../domain/events/calendar-event.ts'
import { defineKindStore } from '../../app/kind-store.ts'

/** CAL-1 events of the school calendar (CAL-3 holidays among them), live from the local replica. */
export const useCalendarStore = defineKindStore<CalendarEvent>('calendar', 'calendar_event')
