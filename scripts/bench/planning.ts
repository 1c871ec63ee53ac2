import { performance } from 'node:perf_hooks';
import { type PlanInput, planCycle } from '../../server/planning/planner.ts';
import { defaultSettings } from '../../server/planning/settings.ts';

/**
 * How the planner grows: one year for 12, 1,000 and 10,000 synthetic areas with enough
 * facilitators (one per 40 areas). Target: 1,000 areas under 1 s, growth no worse than n·log n.
 */
function synthetic(n: number): PlanInput {
  const areas = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `Område ${String(i + 1).padStart(5, '0')}`,
    hosts: [
      { id: 100_000 + i, name: `Politi ${i + 1}`, address: `Vej ${i + 1}` },
      { id: 200_000 + i, name: `Kommune ${i + 1}`, address: null },
      { id: 300_000 + i, name: `Kommune ${i + 1}b`, address: null },
    ],
    hostHistory: i % 3 === 0 ? [100_000 + i] : [],
    lastDates: i % 2 === 0 ? [`2026-${String((i % 11) + 1).padStart(2, '0')}-15`] : [],
  }));
  const facilitators = Array.from({ length: Math.ceil(n / 40) + 1 }, (_, i) => ({
    id: i + 1,
    name: `F${i + 1}`,
  }));
  return { year: 2027, settings: defaultSettings(), areas, facilitators };
}

function measure(n: number): { ms: number; meetings: number } {
  const input = synthetic(n);
  const runs = n >= 10_000 ? 3 : n >= 1000 ? 5 : 20;
  const times: number[] = [];
  let meetings = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = planCycle(input);
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`${n} areas: ${result.detail}`);
    meetings = result.meetings.length;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, meetings };
}

planCycle(synthetic(200)); // warm up the JIT and the holiday cache
const sizes = [12, 1000, 10_000];
const results = sizes.map((n) => ({ n, ...measure(n) }));
console.log('areas    meetings  median ms');
for (const r of results)
  console.log(
    `${String(r.n).padStart(6)}  ${String(r.meetings).padStart(8)}  ${r.ms.toFixed(1).padStart(9)}`,
  );
const nlogn = (n: number) => n * Math.log2(n);
for (let i = 1; i < results.length; i++) {
  const a = results[i - 1]!;
  const b = results[i]!;
  console.log(
    `${a.n} → ${b.n}: time ×${(b.ms / a.ms).toFixed(1)}; n ×${(b.n / a.n).toFixed(1)}, n·log n ×${(nlogn(b.n) / nlogn(a.n)).toFixed(1)}`,
  );
}
const thousand = results.find((r) => r.n === 1000)!;
console.log(
  `1,000 areas: ${thousand.ms.toFixed(1)} ms (target < 1000 ms) ${thousand.ms < 1000 ? 'OK' : 'TOO SLOW'}`,
);
const last = results.at(-1)!;
console.log(
  `10,000 vs 1,000: ×${(last.ms / thousand.ms).toFixed(1)} against n·log n ×${(nlogn(10_000) / nlogn(1000)).toFixed(1)} ${last.ms / thousand.ms <= nlogn(10_000) / nlogn(1000) ? 'OK' : 'WORSE THAN n·log n'}`,
);

// the second programme's run in its own module, loaded only now: the figures above are measured
// with the same code loaded as before it existed
await import('./planning-two-programmes.ts');
