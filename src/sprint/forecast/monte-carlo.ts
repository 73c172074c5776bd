import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * Monte Carlo forecasting from throughput: each trial replays the future working day by working
 * day, each day finishing as many items as a day drawn at random from the team's history did.
 * Pure functions, deterministic under a seed (xoroshiro128+ from pure-rand).
 */

export const CONFIDENCES = [50, 85, 95] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Items finished on each working date of the history window, in date order. */
export function dailyThroughput(doneDates: readonly string[], workingDates: readonly string[]) {
  const counts = new Map(workingDates.map((d) => [d, 0]));
  for (const d of doneDates) {
    const n = counts.get(d);
    if (n !== undefined) counts.set(d, n + 1);
  }
  return workingDates.map((d) => counts.get(d) as number);
}

export function rng(seed: number): RandomGenerator {
  return xoroshiro128plus(seed);
}

/**
 * Block lengths drawn at once. A block of 64 days is drawn from the exact distribution of the
 * sum of 64 independent days (the 64-fold convolution of the history), so a trial takes about
 * 1/50 of the draws; a trial switches to shorter blocks, then single days, once a block could
 * reach the target. The switch depends only on what is already done, so the outcome has
 * exactly the distribution of drawing day by day.
 */
const SPANS = [64, 8, 1] as const;

/** Walker/Vose alias table: one 32-bit draw picks a value with its probability. */
class Alias {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(pmf: Float64Array) {
    const n = pmf.length;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = pmf.map((p) => p * n);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length && large.length) {
      const s = small.pop() as number;
      const l = large[large.length - 1];
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] += scaled[s] - 1;
      if (scaled[l] < 1) small.push(large.pop() as number);
    }
    for (const i of [...small, ...large]) this.prob[i] = 1;
  }

  draw(random: RandomGenerator): number {
    const u = ((random.unsafeNext() >>> 0) / 4_294_967_296) * this.prob.length;
    const column = Math.floor(u);
    return u - column < this.prob[column] ? column : this.alias[column];
  }
}

function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  }
  return out;
}

/** Draws the items finished in 64, 8 or 1 working days. */
class Throughput {
  readonly max: number;
  private readonly tables = new Map<number, Alias>();

  constructor(samples: readonly number[]) {
    this.max = Math.max(0, ...samples);
    let pmf: Float64Array = new Float64Array(this.max + 1);
    for (const x of samples) pmf[x] += 1 / samples.length;
    for (let span = 1; ; span *= 2) {
      if ((SPANS as readonly number[]).includes(span)) this.tables.set(span, new Alias(pmf));
      if (span === SPANS[0]) break;
      pmf = convolve(pmf, pmf);
    }
  }

  draw(span: number, random: RandomGenerator): number {
    return (this.tables.get(span) as Alias).draw(random);
  }
}

/**
 * Working days each trial needs to finish `items`; `horizon + 1` for a trial that has not
 * finished within `horizon` working days (kept, so percentiles stay honest about it).
 */
export function simulateWhen(
  samples: readonly number[],
  items: number,
  trials: number,
  random: RandomGenerator,
  horizon: number,
): Int32Array {
  const out = new Int32Array(trials);
  const throughput = new Throughput(samples);
  for (let t = 0; t < trials; t++) {
    let done = 0;
    let day = 0;
    for (const span of SPANS) {
      const reach = span * throughput.max;
      while (done + reach < items && day + span <= horizon) {
        done += throughput.draw(span, random);
        day += span;
      }
    }
    while (done < items && day <= horizon) {
      done += throughput.draw(1, random);
      day++;
    }
    out[t] = done >= items ? day : horizon + 1;
  }
  return out;
}

/** Items each trial finishes in `days` working days. */
export function simulateHowMany(
  samples: readonly number[],
  days: number,
  trials: number,
  random: RandomGenerator,
): Int32Array {
  const out = new Int32Array(trials);
  const throughput = new Throughput(samples);
  for (let t = 0; t < trials; t++) {
    let done = 0;
    let left = days;
    for (const span of SPANS)
      for (; left >= span; left -= span) done += throughput.draw(span, random);
    out[t] = done;
  }
  return out;
}

/** The smallest outcome that at least `confidence`% of trials reached (nearest rank). */
export function atMost(outcomes: Int32Array, confidence: number): number {
  const sorted = Int32Array.from(outcomes).sort();
  return sorted[Math.max(0, Math.ceil((confidence / 100) * sorted.length) - 1)];
}

/** The largest outcome that at least `confidence`% of trials reached or exceeded. */
export function atLeast(outcomes: Int32Array, confidence: number): number {
  const sorted = Int32Array.from(outcomes).sort();
  const index = sorted.length - Math.ceil((confidence / 100) * sorted.length);
  return sorted[Math.max(0, index)];
}

export interface Bucket {
  value: number;
  trials: number;
  /** Share of trials with an outcome ≤ value (for "when") or ≥ value (for "how many"). */
  cumulative: number;
}

/** Every distinct outcome with how many trials had it, and the running share. */
export function distribution(outcomes: Int32Array, direction: 'up' | 'down'): Bucket[] {
  const counts = new Map<number, number>();
  for (const v of outcomes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const values = [...counts.keys()].sort((a, b) => a - b);
  if (direction === 'down') values.reverse();
  let running = 0;
  const buckets = values.map((value) => {
    const trials = counts.get(value) as number;
    running += trials;
    return { value, trials, cumulative: round4(running / outcomes.length) };
  });
  return direction === 'down' ? buckets.reverse() : buckets;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
