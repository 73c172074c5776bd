import english from '../../i18n/en/ceremony.json';
import italian from '../../i18n/it/ceremony.json';
import { ceremonyTexts } from '../calendar-texts';
import { parseRecurrence } from './recurrence';
import { sprintCeremonies, timeboxMinutes } from './schedule';
import { WorkingCalendar } from '../../workdays/working-calendar';

const ROME = {
  sprintLengthDays: 14,
  dailyTime: '09:30',
  workingDays: [1, 2, 3, 4, 5],
  timezone: 'Europe/Rome',
};

describe('ceremony schedule', () => {
  it('scales the Scrum Guide timeboxes to the sprint length', () => {
    expect(timeboxMinutes('sprint_planning', 28)).toBe(480);
    expect(timeboxMinutes('sprint_planning', 14)).toBe(240);
    expect(timeboxMinutes('sprint_planning', 12)).toBe(240);
    expect(timeboxMinutes('sprint_planning', 7)).toBe(120);
    expect(timeboxMinutes('sprint_planning', 31)).toBe(480);
    expect(timeboxMinutes('sprint_review', 14)).toBe(120);
    expect(timeboxMinutes('sprint_retrospective', 14)).toBe(90);
    expect(timeboxMinutes('sprint_retrospective', 7)).toBe(45);
    expect(timeboxMinutes('daily_scrum', 28)).toBe(15);
  });

  it('places a one-week sprint in local time, and uses the cadence length without an end', () => {
    const week = sprintCeremonies('2026-10-26', null, { ...ROME, sprintLengthDays: 7 });
    expect(week.map((c) => c.type)).toEqual([
      'sprint_planning',
      'daily_scrum',
      'backlog_refinement',
      'sprint_review',
      'sprint_retrospective',
    ]);
    // After the autumn change Rome is UTC+1.
    expect(week[0].startsAt.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(week[1].recurrence).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261029T225959Z');
    expect(week[3].startsAt.toISOString()).toBe('2026-10-30T09:00:00.000Z');
  });

  it('generates nothing without a working day, one event per single day', () => {
    expect(sprintCeremonies('2026-11-28', '2026-11-29', ROME)).toEqual([]);
    expect(sprintCeremonies('2026-11-30', '2026-11-30', ROME).map((c) => c.type)).toEqual([
      'sprint_planning',
      'sprint_review',
      'sprint_retrospective',
    ]);
  });

  it('normalizes RRULEs and names what is wrong with the others', async () => {
    await expect(parseRecurrence('RRULE:FREQ=WEEKLY;BYDAY=MO,WE')).resolves.toBe(
      'FREQ=WEEKLY;BYDAY=MO,WE',
    );
    await expect(parseRecurrence('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29')).resolves.toBe(
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    );
    for (const bad of [
      'FREQ=SOMETIMES',
      'FREQ=DAILY;COUNT=abc',
      'FREQ=WEEKLY;BYDAY=XX',
      'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
      'COUNT=3',
      '',
      'FREQ=DAILY;INTERVAL=0',
      'FREQ=MINUTELY',
      'FREQ=HOURLY;BYHOUR=9',
    ])
      await expect(parseRecurrence(bad)).rejects.toThrow(/recurrence/);
  });

  it('refuses rules that never occur without walking to the year 9999 on the event loop', async () => {
    // Measured before the fix: 8 s of a blocked event loop for each of these.
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(Date.now()), 20);
    try {
      for (const never of [
        'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
        'FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31',
      ])
        await expect(parseRecurrence(never)).rejects.toThrow(/does not occur/);
    } finally {
      clearInterval(timer);
    }
    // The loop kept turning while the rules were expanded (a worker did the walking).
    expect(ticks.length).toBeGreaterThan(2);
  });
});

describe('ceremony schedule on the working calendar', () => {
  it('skips the daily on 8 December and moves a review off a holiday, saying so', () => {
    // Monday 30 November – Tuesday 8 December 2026: the sprint ends on the Immacolata.
    const plan = sprintCeremonies('2026-11-30', '2026-12-08', ROME, WorkingCalendar.italian());
    const daily = plan.find((c) => c.type === 'daily_scrum');
    expect(daily?.excluded).toEqual([]);
    const review = plan.find((c) => c.type === 'sprint_review');
    expect(review?.startsAt.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(review?.movedFrom).toMatchObject({
      date: '2026-12-08',
      holiday: { names: { it: 'Immacolata Concezione' } },
    });
    expect(ceremonyTexts.movedFromHoliday('it', '2026-12-08', 'Immacolata Concezione')).toBe(
      'Anticipata al giorno lavorativo precedente. Giorno festivo: 8 dicembre 2026, Immacolata Concezione.',
    );
    // Across it (to Friday 11 December), with a closure on the 7th: both dailies excluded.
    const across = sprintCeremonies(
      '2026-11-30',
      '2026-12-11',
      ROME,
      new WorkingCalendar({
        weekdays: [1, 2, 3, 4, 5],
        patron: null,
        closures: [{ date: '2026-12-07', name: 'Ponte' }],
        absences: [],
      }),
    );
    expect(
      across.find((c) => c.type === 'daily_scrum')?.excluded.map((d) => d.toISOString()),
    ).toEqual(['2026-12-07T08:30:00.000Z', '2026-12-08T08:30:00.000Z']);
    expect(across.find((c) => c.type === 'sprint_review')?.movedFrom).toBeNull();
  });
});

describe('ceremony texts', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
    );

  it('exist in Italian and English with the same keys', () => {
    expect(keys(english).sort()).toEqual(keys(italian).sort());
    expect(ceremonyTexts.title('en', 'sprint_review', 'Cycle 3')).toBe('Sprint Review — Cycle 3');
    // The team's vocabulary renames the ceremony, not refinement, which has no term of its own.
    const vocabulary = { sprintReview: 'Presentazione dei risultati', sprint: 'Ciclo' };
    expect(ceremonyTexts.title('it', 'sprint_review', 'Ciclo 3', vocabulary)).toBe(
      'Presentazione dei risultati — Ciclo 3',
    );
    expect(ceremonyTexts.type('it', 'backlog_refinement', vocabulary)).toBe(
      'Affinamento del backlog',
    );
    expect(ceremonyTexts.title('it', 'sprint_review', 'Ciclo 3')).toBe(
      'Revisione dello sprint — Ciclo 3',
    );
    expect(ceremonyTexts.prompts('en').map((p) => p.key)).toEqual(['done', 'plan', 'impediments']);
  });
});
