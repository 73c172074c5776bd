// npm run bench:forecast — the Monte Carlo "when will 500 items be done" of GET …/forecast:
// 10,000 trials over a 60-working-day throughput history (mean 2 items a day), through
// src/sprint/forecast/monte-carlo.ts (pure-rand's xoroshiro128+, the percentile sort) and through
// a bare loop (Math.random, no seed, no sort) drawing the same number of days. 5 warm-up runs,
// then 30 timed; p50/p95. Pure CPU: no server, no database. Results: bench/results/forecast.json.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { atMost, rng, simulateWhen } from '../src/sprint/forecast/monte-carlo';
import { machine, saveResults } from './lib/run';

const TRIALS = 10_000;
const ITEMS = 500;
const HORIZON = 1300;
const WARM_UP = 5;
const RUNS = 30;
// A plausible office: 0–5 items a day, mean 2.
const HISTORY = Array.from({ length: 60 }, (_, i) => [0, 1, 2, 2, 3, 4][i % 6]);

function ritmo(seed: number): number {
  const days = simulateWhen(HISTORY, ITEMS, TRIALS, rng(seed), HORIZON);
  return atMost(days, 85);
}

function bare(): number {
  let total = 0;
  for (let t = 0; t < TRIALS; t++) {
    let done = 0;
    let day = 0;
    while (done < ITEMS) {
      done += HISTORY[Math.floor(Math.random() * HISTORY.length)];
      day++;
    }
    total += day;
  }
  return total / TRIALS;
}

function time(run: () => number): { p50: number; p95: number } {
  for (let i = 0; i < WARM_UP; i++) run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => Math.round(ms[Math.ceil((p / 100) * ms.length) - 1] * 100) / 100;
  return { p50: at(50), p95: at(95) };
}

function main(): void {
  const loadBefore = loadavg()[0];
  let seed = 1;
  const withRitmo = time(() => ritmo(seed++));
  const withBare = time(bare);
  const result = {
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    trials: TRIALS,
    items: ITEMS,
    ritmo: withRitmo,
    bare: withBare,
    ratioP50: Math.round((withRitmo.p50 / withBare.p50) * 100) / 100,
    goal: 'p95 < 50 ms',
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(`results: ${saveResults('forecast.json', result)}`);
}

main();
