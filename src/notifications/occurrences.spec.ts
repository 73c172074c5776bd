import type { CeremonyInfoRow } from './notification-sources';
import { occurrencesBetween } from './occurrences';
import { channelFor } from './preferences';

const ceremony = (over: Partial<CeremonyInfoRow>): CeremonyInfoRow => ({
  id: 'c1',
  team_id: 't1',
  title: 'Daily',
  type: 'daily_scrum',
  starts_at: new Date('2026-03-23T09:30:00+01:00'),
  ends_at: new Date('2026-03-23T09:45:00+01:00'),
  timezone: 'Europe/Rome',
  recurrence: null,
  excluded_starts: [],
  attendee_ids: [],
  ...over,
});

describe('ceremony occurrences', () => {
  it('keeps a series at its local time across the change to summer time', () => {
    const weekly = ceremony({ recurrence: 'FREQ=WEEKLY;BYDAY=MO' });
    const found = occurrencesBetween(
      [weekly],
      new Date('2026-03-30T00:00:00+02:00'),
      new Date('2026-03-31T00:00:00+02:00'),
    );
    expect(found.map((o) => o.startsAt.toISOString())).toEqual(['2026-03-30T07:30:00.000Z']);
  });

  it('leaves out skipped occurrences and those outside the window', () => {
    const daily = ceremony({
      recurrence: 'FREQ=DAILY',
      excluded_starts: [new Date('2026-03-25T09:30:00+01:00')],
    });
    const found = occurrencesBetween(
      [daily, ceremony({ id: 'single', starts_at: new Date('2026-03-24T12:00:00+01:00') })],
      new Date('2026-03-24T00:00:00+01:00'),
      new Date('2026-03-26T00:00:00+01:00'),
    );
    expect(found.map((o) => [o.ceremony.id, o.startsAt.toISOString()])).toEqual([
      ['c1', '2026-03-24T08:30:00.000Z'],
      ['single', '2026-03-24T11:00:00.000Z'],
    ]);
  });
});

describe('the channel of a kind', () => {
  it("takes the team's choice, then the one for every team, then the default", () => {
    const rows = [
      { team_id: null, kind: 'assigned' as const, channel: 'email' as const },
      { team_id: 't1', kind: 'assigned' as const, channel: 'off' as const },
    ];
    expect(channelFor(rows, 't1', 'assigned')).toBe('off');
    expect(channelFor(rows, 't2', 'assigned')).toBe('email');
    expect(channelFor(rows, 't2', 'mentioned')).toBe('email');
    expect(channelFor([], 't2', 'status_changed')).toBe('digest');
  });
});
