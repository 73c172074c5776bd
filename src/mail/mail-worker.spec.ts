import { retryDelayMs } from './mail-worker';

describe('retryDelayMs', () => {
  it('doubles from the base, within ±20 %, and stops growing at 120 × the base', () => {
    for (const [attempts, expected] of [
      [1, 30_000],
      [2, 60_000],
      [5, 480_000],
      [8, 3_600_000],
      [12, 3_600_000],
    ]) {
      const delay = retryDelayMs(attempts, 30_000);
      expect(delay).toBeGreaterThanOrEqual(expected * 0.8);
      expect(delay).toBeLessThanOrEqual(expected * 1.2);
    }
  });
});
