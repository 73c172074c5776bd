/**
 * Italian public holidays (L. 260/1949 and later amendments), with their names in Italian and
 * English. Pure: a year in, dates out. Easter Monday moves with Easter (computed below); the
 * 4 October holiday (San Francesco d'Assisi) counts from 2026 only, restored by L. 151/2025.
 */
export type HolidayKind = 'national' | 'patron' | 'closure';

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  kind: HolidayKind;
  names: { it: string; en: string };
}

const FIXED: { md: string; it: string; en: string; from?: number }[] = [
  { md: '01-01', it: 'Capodanno', en: "New Year's Day" },
  { md: '01-06', it: 'Epifania', en: 'Epiphany' },
  { md: '04-25', it: 'Festa della Liberazione', en: 'Liberation Day' },
  { md: '05-01', it: 'Festa del Lavoro', en: 'Labour Day' },
  { md: '06-02', it: 'Festa della Repubblica', en: 'Republic Day' },
  { md: '08-15', it: 'Ferragosto (Assunzione)', en: 'Assumption Day' },
  {
    md: '10-04',
    it: "San Francesco d'Assisi, patrono d'Italia",
    en: 'Saint Francis of Assisi, patron saint of Italy',
    from: 2026,
  },
  { md: '11-01', it: 'Ognissanti', en: "All Saints' Day" },
  { md: '12-08', it: 'Immacolata Concezione', en: 'Immaculate Conception' },
  { md: '12-25', it: 'Natale', en: 'Christmas Day' },
  { md: '12-26', it: 'Santo Stefano', en: "Saint Stephen's Day" },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function easterMonday(year: number): string {
  const [y, m, d] = easterSunday(year).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The national holidays of a year, in date order (Easter Sunday, always a Sunday, included). */
export function nationalHolidays(year: number): Holiday[] {
  const out: Holiday[] = FIXED.filter((h) => h.from === undefined || year >= h.from).map((h) => ({
    date: `${year}-${h.md}`,
    kind: 'national' as const,
    names: { it: h.it, en: h.en },
  }));
  out.push(
    { date: easterSunday(year), kind: 'national', names: { it: 'Pasqua', en: 'Easter Sunday' } },
    {
      date: easterMonday(year),
      kind: 'national',
      names: { it: "Lunedì dell'Angelo (Pasquetta)", en: 'Easter Monday' },
    },
  );
  return out.sort((x, y) => x.date.localeCompare(y.date));
}
