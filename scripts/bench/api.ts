/**
 * bench:api — autocannon (50 connections) against the hot routes: a district read, a 50-person page
 * and a person write, each as a share of a trivial JSON route of the same server, the two measured
 * back to back in BENCH_ROUNDS rounds (default 3) of BENCH_DURATION s each (default 4), after a
 * warm-up of BENCH_WARMUP s (default 2); the median ratio counts (against-trivial.ts).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { figuresLine, type LoadCase, measureAgainstTrivial } from './against-trivial.ts';

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

let counter = 0;
const trivial: LoadCase = { name: 'trivial JSON route', path: '/bench/trivial' };
const cases: LoadCase[] = [
  { name: 'GET /api/districts/:code', path: '/api/districts/1462', target: 0.5 },
  {
    name: 'GET /api/people?limit=50',
    path: '/api/people?limit=50&offset=100',
    options: { headers: auth },
    target: 0.15,
  },
  {
    name: 'POST /api/people',
    // issue 18 raised this one from 0.2
    target: 0.3,
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

const run = {
  url,
  connections: 50,
  duration: Number(process.env.BENCH_DURATION ?? 4),
  warmup: Number(process.env.BENCH_WARMUP ?? 2),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  trivial,
  serverPid: server.pid,
};

try {
  console.log(
    `bench:api — ${run.connections} connections, ${run.rounds} rounds of ${run.duration} s per case, each right after the trivial route\n`,
  );
  for (const c of cases) console.log(figuresLine(await measureAgainstTrivial(run, c), 28));
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
