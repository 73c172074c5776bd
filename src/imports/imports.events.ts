/** The state of an import job, as its events and GET …/imports/{id} carry it. */
export type ImportState = 'queued' | 'running' | 'completed' | 'failed';

export interface ImportRowError {
  /** The source key of the row (its id column, or a hash of its cells). */
  sourceKey: string;
  message: string;
}

export interface ImportSnapshot {
  id: string;
  teamId: string;
  source: 'spreadsheet' | 'ritmo' | 'jira' | 'trello';
  fileName: string;
  state: ImportState;
  /** Items to create; done counts those handled (created, or found already imported, or failed). */
  total: number;
  done: number;
  created: number;
  skipped: number;
  errors: ImportRowError[];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportEvents {
  'import.queued': { import: ImportSnapshot };
  /** After each batch: one per 100 items at most, so a client draws a progress bar. */
  'import.progressed': { import: ImportSnapshot };
  'import.completed': { import: ImportSnapshot };
}

/** Merged into the one catalogue: the kernel lists every type without importing this module. */
declare module '../events/event-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a merge, not a new type
  interface EventCatalogue extends ImportEvents {}
}
