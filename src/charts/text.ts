/**
 * What a chart builder needs from the reader's language: the server passes its Localizer, the
 * web client its i18next, over the same keys (`reports.chart.*`), so a chart reads the same in a
 * download, a webhook consumer and the browser.
 */
export type ChartKey =
  | 'burndownOf'
  | 'burnupOf'
  | 'velocity'
  | 'cfd'
  | 'remaining'
  | 'completed'
  | 'scope'
  | 'ideal'
  | 'committed'
  | 'points'
  | 'items'
  | 'start'
  | 'day'
  | 'date'
  | 'workingDay'
  | 'nonWorking'
  | 'yes'
  | 'no'
  | 'scopeChange'
  | 'sprintTerm'
  | 'burndownSummary'
  | 'burnupSummary'
  | 'burnNotStarted'
  | 'velocitySummary'
  | 'velocityEmpty'
  | 'cfdSummary'
  | 'cfdEmpty'
  | 'provisional'
  | 'provisionalNote'
  | 'cycleTime'
  | 'leadTime'
  | 'aging'
  | 'item'
  | 'column'
  | 'doneOn'
  | 'workingDays'
  | 'calendarDays'
  | 'percentileLine'
  | 'cycleSummary'
  | 'leadSummary'
  | 'flowEmpty'
  | 'agingSummary'
  | 'agingOver'
  | 'agingNoHistory'
  | 'agingEmpty';

export interface ChartText {
  t: (key: ChartKey, params?: Record<string, string | number>) => string;
  /** A number as the reader writes it (1,5 in Italian). */
  number: (value: number) => string;
  /** A day as the reader writes it, short (8 dic). */
  day: (date: string) => string;
}

/** A chart's data as rows: the screen readers' table, and the CSV beside the SVG. */
export interface ChartTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** What every chart builder returns: the same for the server's SVG and the web's canvas. */
export interface ChartSpec<Option> {
  title: string;
  /** One or two sentences saying what the chart shows: the SVG's desc, the screen's summary. */
  summary: string;
  option: Option;
  table: ChartTable;
}

/** Decals as well as colours: the series stay apart in print and for colour-blind readers. */
export const ARIA = { enabled: true, decal: { show: true } } as const;

/** Bootstrap Italia's blue first, then colours that stay apart under the common colour blindness. */
export const PALETTE = [
  '#0066cc',
  '#d9364f',
  '#008055',
  '#a66300',
  '#5c6f82',
  '#7a3e9d',
  '#00838f',
];

/** An axis name from a term the team wrote in lower case ("pratiche" → "Pratiche"). */
export const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
