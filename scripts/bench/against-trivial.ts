/**
 * Requests/s of a route as a share of a trivial JSON route's on the same server: the ratio the
 * targets of bench:api and bench:answers are stated in. The trivial route is bound by the load
 * generator, so its requests/s swings with whatever else the machine runs (53,000 to 75,000 within
 * an hour on the same machine); measured once at the start, a case measured a minute later was
 * compared with another machine. So each case is measured right after the trivial route, round
 * after round, and the median of the rounds' ratios counts.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { median } from './median.ts';

export interface LoadCase {
  name: string;
  /** Appended to the server's URL; a case's requests may set their own paths instead. */
  path?: string;
  options?: Partial<autocannon.Options>;
  /** The least share of the trivial route's requests/s this route must reach. */
  target?: number;
}

/** The route every case is compared with: registered by both bench servers, a JSON body and nothing else. */
export const TRIVIAL_ROUTE: LoadCase = { name: 'trivial JSON route', path: '/bench/trivial' };

export interface TrivialRun {
  url: string;
  connections: number;
  /** Seconds measured per run of a case (and of the trivial route before it). */
  duration: number;
  /** Seconds of unmeasured requests of the trivial route and of the case before its first round (0 for none). */
  warmup: number;
  rounds: number;
  trivial: LoadCase;
  /** The server under load, for its CPU time per request (Linux only). */
  serverPid?: number;
}

export interface CaseFigures {
  name: string;
  /** Medians over the rounds. */
  rps: number;
  trivialRps: number;
  ratio: number;
  p99: number;
  cpuMicrosPerRequest: number | null;
  failures: number;
  target?: number;
}

/** The server under test started in its own process, with what its first line of output says (its URL and data). */
export async function startBenchServer<Setup>(
  script: string,
): Promise<{ server: ChildProcess; setup: Setup }> {
  const server = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve) =>
    createInterface({ input: server.stdout! }).once('line', resolve),
  );
  return { server, setup: JSON.parse(first) as Setup };
}

/** A run as BENCH_DURATION (s, default 4), BENCH_WARMUP (s, default 2) and BENCH_ROUNDS (default 3) set it. */
export function runFromEnvironment(run: Pick<TrivialRun, 'url' | 'connections' | 'serverPid'>): TrivialRun {
  return {
    ...run,
    trivial: TRIVIAL_ROUTE,
    duration: Number(process.env.BENCH_DURATION ?? 4),
    warmup: Number(process.env.BENCH_WARMUP ?? 2),
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  };
}

/** The first line of a benchmark's output: what each case is measured against, and how long. */
function runHeading(benchmark: string, run: TrivialRun): string {
  return `${benchmark} — ${run.connections} connections, ${run.rounds} rounds of ${run.duration} s per case, each right after the trivial route`;
}

/**
 * A benchmark's whole output: its heading (with `about`, if any), then a line per case, names
 * padded to `width`; the server stopped and its data folder removed afterwards, whatever happened.
 */
export async function reportAgainstTrivial(
  benchmark: { name: string; about?: string; width: number; server: ChildProcess; dir: string },
  run: TrivialRun,
  cases: LoadCase[],
): Promise<void> {
  try {
    console.log(`${runHeading(benchmark.name, run)}${benchmark.about ?? ''}\n`);
    for (const c of cases) console.log(figuresLine(await measureAgainstTrivial(run, c), benchmark.width));
  } finally {
    benchmark.server.kill('SIGTERM');
    rmSync(benchmark.dir, { recursive: true, force: true });
  }
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** A process's CPU time so far (user + system, all its threads) in µs, from /proc; null elsewhere. */
function cpuMicros(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
  } catch {
    return null;
  }
}

async function load(run: TrivialRun, c: LoadCase, duration: number) {
  const before = cpuMicros(run.serverPid);
  const url = `${run.url}${c.path ?? ''}`;
  const result = await autocannon({ url, connections: run.connections, duration, ...c.options });
  const after = cpuMicros(run.serverPid);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpu:
      before === null || after === null || !result.requests.total
        ? null
        : (after - before) / result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Measures `c` against the trivial route of `run`: warm-up, then `run.rounds` pairs of trivial route and case. */
async function measureAgainstTrivial(run: TrivialRun, c: LoadCase): Promise<CaseFigures> {
  // the first seconds of a route compile its code and fill its caches, which a running service has long done
  if (run.warmup > 0) {
    await load(run, run.trivial, run.warmup);
    await load(run, c, run.warmup);
  }
  const rounds: { trivial: number; rps: number; p99: number; cpu: number | null; failures: number }[] = [];
  for (let i = 0; i < run.rounds; i++) {
    const trivial = await load(run, run.trivial, run.duration);
    rounds.push({ trivial: trivial.rps, ...(await load(run, c, run.duration)) });
  }
  const cpus = rounds.map((r) => r.cpu).filter((cpu): cpu is number => cpu !== null);
  return {
    name: c.name,
    rps: median(rounds.map((r) => r.rps)),
    trivialRps: median(rounds.map((r) => r.trivial)),
    ratio: median(rounds.map((r) => r.rps / r.trivial)),
    p99: median(rounds.map((r) => r.p99)),
    cpuMicrosPerRequest: cpus.length === rounds.length ? median(cpus) : null,
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    target: c.target,
  };
}

/** Two decimals, or three where two would round a miss up to its target (0.297 against 0.3). */
function ratioText(ratio: number, target: number | undefined): string {
  const text = ratio.toFixed(2);
  return target !== undefined && ratio < target && Number(text) >= target ? ratio.toFixed(3) : text;
}

/** One line per case: requests/s, p99, the trivial route's requests/s beside it, the ratio and its target. */
function figuresLine(f: CaseFigures, width: number): string {
  return [
    f.name.padEnd(width),
    `${f.rps.toFixed(0).padStart(7)} req/s`,
    `p99 ${String(f.p99).padStart(4)} ms`,
    `trivial ${f.trivialRps.toFixed(0).padStart(6)} req/s`,
    `ratio ${ratioText(f.ratio, f.target)}`,
    f.target === undefined ? '' : `(target ≥ ${f.target}: ${f.ratio >= f.target ? 'met' : 'MISSED'})`,
    f.cpuMicrosPerRequest === null ? '' : `server ${f.cpuMicrosPerRequest.toFixed(1)} µs CPU/request`,
    f.failures ? `${f.failures} failed requests!` : '',
  ]
    .filter(Boolean)
    .join('  ');
}
