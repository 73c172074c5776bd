import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPES } from './event-catalogue';

describe('event catalogue', () => {
  it('is documented: docs/realtime.md names every event type', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'realtime.md'), 'utf8');
    const missing = EVENT_TYPES.filter((type) => !doc.includes(`\`${type}\``));
    expect(missing).toEqual([]);
  });

  it('names types <aggregate>.<past-tense verb>, once each', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });
});
