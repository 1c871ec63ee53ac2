/**
 * bench:api — autocannon (50 connections, 10 s each) against the hot routes, each compared with a
 * trivial JSON route of the same server in the same run, each after a warm-up of its own
 * (BENCH_WARMUP s, default 2), as bench:answers does. Prints requests/s, p99 and the ratio.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;
/** Seconds of unmeasured requests before each case (BENCH_WARMUP=0 for none). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);

const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/api-server.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const first = await new Promise<string>((resolve) =>
  createInterface({ input: server.stdout! }).once('line', resolve),
);
const { url, token, organisationId, dir } = JSON.parse(first) as {
  url: string;
  token: string;
  organisationId: number;
  dir: string;
};
const auth = { authorization: `Bearer ${token}` };

interface Case {
  name: string;
  path: string;
  options?: Partial<autocannon.Options>;
}

let counter = 0;
const cases: Case[] = [
  { name: 'trivial JSON route', path: '/bench/trivial' },
  { name: 'GET /api/districts/:code', path: '/api/districts/1462' },
  { name: 'GET /api/people?limit=50', path: '/api/people?limit=50&offset=100', options: { headers: auth } },
  {
    name: 'POST /api/people',
    path: '/api/people',
    options: {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => {
            counter++;
            return {
              ...request,
              body: JSON.stringify({
                name: `Ny kontakt ${counter}`,
                email: `ny${counter}-${process.pid}@bench.example`,
                organisationId,
                roles: ['teamleder'],
              }),
            };
          },
        },
      ],
    },
  },
];

const targets: Record<string, number> = {
  'GET /api/districts/:code': 0.5,
  'GET /api/people?limit=50': 0.15,
  // issue 18 raised this one from 0.2
  'POST /api/people': 0.3,
};

async function measure(c: Case) {
  // each case warms up first, unmeasured: the first seconds of a route compile its code (the
  // trivial route's too), which a running service has long done
  if (WARMUP > 0)
    await autocannon({ url: `${url}${c.path}`, connections: CONNECTIONS, duration: WARMUP, ...c.options });
  const result = await autocannon({
    url: `${url}${c.path}`,
    connections: CONNECTIONS,
    duration: DURATION,
    ...c.options,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p99: result.latency.p99, failures };
}

try {
  const rows: string[] = [];
  let trivial = 0;
  for (const c of cases) {
    const { rps, p99, failures } = await measure(c);
    if (c.name === 'trivial JSON route') trivial = rps;
    const ratio = rps / trivial;
    const target = targets[c.name];
    rows.push(
      [
        c.name.padEnd(28),
        `${rps.toFixed(0).padStart(7)} req/s`,
        `p99 ${String(p99).padStart(4)} ms`,
        `ratio ${ratio.toFixed(2)}`,
        target ? `(target ≥ ${target}: ${ratio >= target ? 'met' : 'MISSED'})` : '',
        failures ? `${failures} failed requests!` : '',
      ].join('  '),
    );
    console.log(rows.at(-1));
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
