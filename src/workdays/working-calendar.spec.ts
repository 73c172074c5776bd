import { easterMonday, easterSunday, nationalHolidays } from './holidays';
import { WorkingCalendar } from './working-calendar';

describe('Italian public holidays', () => {
  it('computes Easter Monday for 2026–2030', () => {
    expect([2026, 2027, 2028, 2029, 2030].map(easterMonday)).toEqual([
      '2026-04-06',
      '2027-03-29',
      '2028-04-17',
      '2029-04-02',
      '2030-04-22',
    ]);
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('counts 4 October (L. 151/2025) from 2026 only', () => {
    expect(nationalHolidays(2025).map((h) => h.date)).not.toContain('2025-10-04');
    expect(nationalHolidays(2026).find((h) => h.date === '2026-10-04')?.names).toEqual({
      it: "San Francesco d'Assisi, patrono d'Italia",
      en: 'Saint Francis of Assisi, patron saint of Italy',
    });
    expect(nationalHolidays(2027).map((h) => h.date)).toContain('2027-10-04');
    // Monday 4 October 2027 is closed, Monday 4 October 2021 was a working day.
    expect(WorkingCalendar.italian().isWorkingDay('2027-10-04')).toBe(false);
    expect(WorkingCalendar.italian().isWorkingDay('2021-10-04')).toBe(true);
  });

  it('lists twelve national holidays in 2025 and thirteen in 2026, Easter Sunday included', () => {
    expect(nationalHolidays(2025)).toHaveLength(12);
    expect(nationalHolidays(2026)).toHaveLength(13);
    expect(nationalHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-05',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
  });
});

describe('WorkingCalendar', () => {
  const scandiano = new WorkingCalendar({
    weekdays: [1, 2, 3, 4, 5],
    patron: { date: '06-24', name: 'San Giovanni Battista' },
    closures: [{ date: '2026-12-07', name: 'Chiusura uffici (ponte)' }],
    absences: [
      { userId: 'anna', from: '2026-12-01', to: '2026-12-04', fraction: 1, note: 'Ferie' },
      { userId: 'anna', from: '2026-12-03', to: '2026-12-03', fraction: 0.5, note: '' },
      { userId: 'bruno', from: '2026-11-30', to: '2026-12-11', fraction: 0.5, note: 'Part time' },
    ],
  });

  it('closes on the patron day of the comune every year, and on extra closures', () => {
    expect(scandiano.isWorkingDay('2026-06-24')).toBe(false);
    expect(scandiano.holiday('2027-06-24')).toMatchObject({ kind: 'patron' });
    expect(scandiano.isWorkingDay('2026-06-23')).toBe(true);
    expect(scandiano.holiday('2026-12-07')).toMatchObject({ kind: 'closure' });
    expect(WorkingCalendar.italian().isWorkingDay('2026-12-07')).toBe(true);
  });

  it('counts working days across 8 December and a closure', () => {
    // 30 Nov – 11 Dec 2026: ten weekdays, minus 8 Dec (Immacolata) and 7 Dec (closure).
    expect(WorkingCalendar.italian().countWorkingDays('2026-11-30', '2026-12-11')).toBe(9);
    expect(scandiano.countWorkingDays('2026-11-30', '2026-12-11')).toBe(8);
    expect(scandiano.workingDaysBetween('2026-12-04', '2026-12-09')).toBe(1);
    expect(scandiano.workingDaysBetween('2026-12-09', '2026-12-09')).toBe(0);
    expect(scandiano.addWorkingDays('2026-12-04', 1)).toBe('2026-12-09');
    expect(scandiano.previousWorkingDay('2026-12-08')).toBe('2026-12-04');
  });

  it('counts absences on working days only, overlapping entries never above a day', () => {
    // Anna: 1–4 Dec, the half day on the 3rd is inside the whole days: 4.
    expect(scandiano.absenceDays('anna', '2026-11-30', '2026-12-11')).toBe(4);
    // Bruno: half of each of the 8 working days.
    expect(scandiano.absenceDays('bruno', '2026-11-30', '2026-12-11')).toBe(4);
    expect(scandiano.absenceDays('carla', '2026-11-30', '2026-12-11')).toBe(0);
  });

  it('uses the weekdays it is given (an office open on Saturdays)', () => {
    const sat = WorkingCalendar.italian([1, 2, 3, 4, 5, 6]);
    expect(sat.countWorkingDays('2026-04-20', '2026-05-02')).toBe(10);
    // 25 April (Saturday) and 1 May (Friday) closed.
    expect(sat.closedDays('2026-04-20', '2026-05-03').map((d) => d.date)).toEqual([
      '2026-04-25',
      '2026-04-26',
      '2026-05-01',
      '2026-05-03',
    ]);
  });
});
