import type { Absence } from './working-calendar';

/** The calendar as events carry it (national holidays are computed, so not in it). */
export interface CalendarSnapshot {
  teamId: string;
  patron: { date: string; name: string } | null;
  closures: { date: string; name: string }[];
  absences: Absence[];
  version: number;
}

export interface WorkdaysEvents {
  /** `changes`: `patron`, `closures`, `absences`. */
  'calendar.updated': { calendar: CalendarSnapshot; changes: string[] };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends WorkdaysEvents {}
}
