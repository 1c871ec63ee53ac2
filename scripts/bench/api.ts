/**
 * bench:api — autocannon (50 connections) against the hot routes: a district read, a 50-person page
 * and a person write, each as a share of a trivial JSON route of the same server, the two measured
 * back to back in BENCH_ROUNDS rounds (default 3) of BENCH_DURATION s each (default 4), after a
 * warm-up of BENCH_WARMUP s (default 2); the median ratio counts (against-trivial.ts).
 */
import {
  type LoadCase,
  reportAgainstTrivial,
  runFromEnvironment,
  startBenchServer,
} from './against-trivial.ts';

const { server, setup } = await startBenchServer<{
  url: string;
  token: string;
  organisationId: number;
  dir: string;
}>('scripts/bench/api-server.ts');
const { url, token, organisationId, dir } = setup;
const auth = { authorization: `Bearer ${token}` };

let counter = 0;
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

const run = runFromEnvironment({ url, connections: 50, serverPid: server.pid });
await reportAgainstTrivial({ name: 'bench:api', width: 28, server, dir }, run, cases);
