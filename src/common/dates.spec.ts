import { addDays, datesBetween, localDate, startOfDay, workingDays } from './dates';

describe('calendar (team timezone)', () => {
  it('a local day starts at local midnight, across daylight saving changes', () => {
    expect(startOfDay('2026-03-02', 'Europe/Rome').toISOString()).toBe('2026-03-01T23:00:00.000Z');
    // Rome moves to summer time at 02:00 on 29 March 2026: that day starts in winter time.
    expect(startOfDay('2026-03-29', 'Europe/Rome').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Rome').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay('2026-10-26', 'Europe/Rome').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(startOfDay('2026-03-02', 'UTC').toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('the local date of an instant', () => {
    expect(localDate(new Date('2026-03-01T23:30:00Z'), 'Europe/Rome')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T22:59:59Z'), 'Europe/Rome')).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('adds days over month and leap-year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('lists dates (both ends included) and counts Monday–Friday', () => {
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(datesBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(workingDays('2026-03-02', '2026-03-13')).toBe(10);
    expect(workingDays('2026-02-27', '2026-03-02')).toBe(2);
  });
});
