/** The data of the events the ceremony module emits (listed in src/events/event-catalogue.ts). */
export const CEREMONY_TYPES = [
  'sprint_planning',
  'daily_scrum',
  'sprint_review',
  'sprint_retrospective',
  'backlog_refinement',
] as const;
export type CeremonyType = (typeof CEREMONY_TYPES)[number];
export type CeremonyStatus = 'scheduled' | 'cancelled';
export type ImpedimentStatus = 'open' | 'resolved';

export interface DailyPrompt {
  key: string;
  text: string;
}

export interface CadenceSnapshot {
  teamId: string;
  sprintLengthDays: number;
  dailyTime: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  timezone: string;
  dailyPrompts: DailyPrompt[];
  version: number;
}

export interface CeremonySnapshot {
  id: string;
  teamId: string;
  sprintId: string | null;
  type: CeremonyType;
  title: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  /** An RFC 5545 RRULE (without DTSTART: the first occurrence is startsAt), or null. */
  recurrence: string | null;
  /** Occurrences of the rule that do not take place (holidays), as instants. */
  excludedStarts: string[];
  status: CeremonyStatus;
  attendeeIds: string[];
  agenda: string;
  notes: string;
  outcomes: string;
  version: number;
}

export interface SessionSnapshot {
  id: string;
  ceremonyId: string;
  facilitatorId: string;
  startedAt: string;
  /** The end of the timebox: clients count down to it, corrected by serverTime. */
  endsAt: string;
  endedAt: string | null;
  attendance: string[];
}

export interface ImpedimentSnapshot {
  id: string;
  teamId: string;
  title: string;
  description: string;
  status: ImpedimentStatus;
  ownerId: string | null;
  reportedBy: string;
  itemIds: string[];
  createdAt: string;
  resolvedAt: string | null;
  version: number;
}

export interface CeremonyEvents {
  'cadence.updated': { cadence: CadenceSnapshot; changes: string[] };
  'ceremony.scheduled': { ceremony: CeremonySnapshot };
  'ceremony.updated': { ceremony: CeremonySnapshot; changes: string[] };
  'ceremony.cancelled': { ceremony: CeremonySnapshot };
  'ceremony.started': {
    ceremonyId: string;
    session: SessionSnapshot;
    endsAt: string;
    serverTime: string;
  };
  'ceremony.ended': {
    ceremonyId: string;
    session: SessionSnapshot;
    serverTime: string;
  };
  'daily_scrum.entry_posted': {
    date: string;
    userId: string;
    answers: Record<string, string>;
    /** The ceremony whose live session was running when it was posted, if any. */
    sessionId: string | null;
  };
  'impediment.raised': { impediment: ImpedimentSnapshot };
  'impediment.updated': { impediment: ImpedimentSnapshot; changes: string[] };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends CeremonyEvents {}
}
