import {
  atLeast,
  atMost,
  dailyThroughput,
  distribution,
  rng,
  simulateHowMany,
  simulateWhen,
} from './monte-carlo';

describe('Monte Carlo forecast', () => {
  it('counts finished items per working date, ignoring dates outside the window', () => {
    expect(
      dailyThroughput(
        ['2026-03-02', '2026-03-02', '2026-03-04', '2026-02-27'],
        ['2026-03-02', '2026-03-03', '2026-03-04'],
      ),
    ).toEqual([2, 0, 1]);
  });

  it('is exact when every day finishes the same number of items', () => {
    const days = simulateWhen([2], 30, 1000, rng(7), 1300);
    expect(new Set(days)).toEqual(new Set([15]));
    expect(atMost(days, 50)).toBe(15);
    expect(atMost(days, 95)).toBe(15);
    expect(new Set(simulateHowMany([2], 10, 1000, rng(7)))).toEqual(new Set([20]));
  });

  it('matches the geometric distribution: one item, a one-in-two chance each day', () => {
    // P(done within d days) = 1 - 0.5^d: the 85th percentile is 3 days (0.875), the 95th 5 (0.969).
    const days = simulateWhen([0, 1], 1, 10_000, rng(11), 1300);
    expect(atMost(days, 85)).toBe(3);
    expect(atMost(days, 95)).toBe(5);
    const cdf = distribution(days, 'up');
    for (const bucket of cdf.slice(0, 6))
      expect(Math.abs(bucket.cumulative - (1 - 0.5 ** bucket.value))).toBeLessThan(0.02);
  });

  it('matches the negative binomial when whole blocks of days are drawn at once', () => {
    // 200 items at one-in-two a day: mean 400 days, sd 20; the 85th percentile ≈ 400 + 1.036·20.
    const days = simulateWhen([0, 1], 200, 10_000, rng(5), 1300);
    expect(Math.abs(atMost(days, 50) - 400)).toBeLessThanOrEqual(2);
    expect(Math.abs(atMost(days, 85) - 421)).toBeLessThanOrEqual(2);
    expect(Math.abs(atMost(days, 95) - 433)).toBeLessThanOrEqual(3);
  });

  it('matches the binomial distribution for "how many by then"', () => {
    // 100 days of a fair coin: mean 50, sd 5; at least 85% of trials reach 50 - 1.036·5 ≈ 44.8.
    const items = simulateHowMany([0, 1], 100, 10_000, rng(3));
    expect(Math.abs(atLeast(items, 85) - 45)).toBeLessThanOrEqual(1);
    expect(Math.abs(atLeast(items, 50) - 50)).toBeLessThanOrEqual(1);
    expect(atLeast(items, 95)).toBeLessThan(atLeast(items, 85));
    const shares = distribution(items, 'down');
    expect(shares[0].cumulative).toBe(1);
    expect(shares.at(-1)?.cumulative).toBeLessThan(0.01);
  });

  it('gives the same answer under the same seed, another under another', () => {
    const a = simulateWhen([0, 1, 3, 0, 2], 40, 500, rng(42), 1300);
    const b = simulateWhen([0, 1, 3, 0, 2], 40, 500, rng(42), 1300);
    const c = simulateWhen([0, 1, 3, 0, 2], 40, 500, rng(43), 1300);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('marks trials that never finish as beyond the horizon', () => {
    const days = simulateWhen([0], 5, 100, rng(1), 50);
    expect(new Set(days)).toEqual(new Set([51]));
  });
});
