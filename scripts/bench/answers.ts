/**
 * bench:answers — autocannon (20 connections, BENCH_DURATION s each) against the answering routes,
 * each compared with a trivial JSON route of the same server in the same run, each after a warm-up
 * of its own (BENCH_WARMUP s, default 2): the answer page,
 * answers posted as JSON (with a waiting list), and iTIP REPLY emails posted raw.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import nodemailer from 'nodemailer';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = 20;
/** Seconds of unmeasured requests before each case (BENCH_WARMUP=0 for none). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);

const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/answers-server.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const first = await new Promise<string>((resolve) =>
  createInterface({ input: server.stdout! }).once('line', resolve),
);
const { url, dir, uid, token, invitees } = JSON.parse(first) as {
  url: string;
  dir: string;
  uid: string;
  token: string;
  invitees: { token: string; email: string }[];
};

// REPLY emails built beforehand, one per invitee, so the load generator only sends bytes
const mailer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const replies: Buffer[] = [];
for (const [i, invitee] of invitees.slice(0, 500).entries()) {
  const calendar = ical({ method: ICalCalendarMethod.REPLY });
  calendar
    .createEvent({ id: uid, start: new Date(), end: new Date(Date.now() + 3600_000), summary: 'Svar' })
    .createAttendee({
      email: invitee.email,
      status: i % 2 ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.DECLINED,
    });
  const info = await mailer.sendMail({
    from: invitee.email,
    to: 'svar@samraad.bench',
    subject: 'Svar',
    text: 'Svar',
    icalEvent: { method: 'REPLY', content: calendar.toString() },
  });
  replies.push(info.message as Buffer);
}

let n = 0;
const next = <T>(list: T[]) => list[n++ % list.length]!;
const answers = ['accepted', 'declined', 'tentative', 'accepted'];

const cases: { name: string; options: Partial<autocannon.Options> }[] = [
  {
    name: 'trivial JSON route',
    options: { requests: [{ setupRequest: (r) => ({ ...r, path: '/bench/trivial' }) }] },
  },
  {
    name: 'GET /rsvp/:token (HTML page)',
    options: { requests: [{ setupRequest: (r) => ({ ...r, path: `/rsvp/${next(invitees).token}` }) }] },
  },
  {
    name: 'POST /rsvp/:token (JSON answer, capacity 25)',
    options: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            path: `/rsvp/${next(invitees).token}`,
            body: JSON.stringify({ answer: answers[n % answers.length] }),
          }),
        },
      ],
    },
  },
  {
    name: 'POST /api/inbound/email (iTIP REPLY)',
    options: {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
      requests: [{ setupRequest: (r) => ({ ...r, path: '/api/inbound/email', body: next(replies) }) }],
    },
  },
];

/**
 * The server's CPU time so far (user + system, all its threads) in µs, from /proc; null elsewhere.
 * Printed per request beside each ratio: the trivial route is bound by the load generator, so its
 * requests/s (the ratios' baseline) swings with whatever else the machine runs, the CPU a request
 * costs the server much less.
 */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();
function serverCpuMicros(): number | null {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Issue 18's targets: each route's requests/s as a share of the trivial route's in the same run. */
const targets: Record<string, number> = {
  'GET /rsvp/:token (HTML page)': 0.4,
  'POST /rsvp/:token (JSON answer, capacity 25)': 0.3,
  'POST /api/inbound/email (iTIP REPLY)': 0.2,
};

try {
  console.log(
    `bench:answers — ${CONNECTIONS} connections, ${DURATION} s per case, ${invitees.length} invitees\n`,
  );
  let baseline = 0;
  for (const c of cases) {
    // each case warms up first, unmeasured: its first answers move ~1,000 people on or off the
    // waiting list, whose mails the service then writes; the figures are of the service running
    if (WARMUP > 0) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, ...c.options });
    const cpuBefore = serverCpuMicros();
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...c.options });
    const cpuAfter = serverCpuMicros();
    const cpu =
      cpuBefore === null || cpuAfter === null || !result.requests.total
        ? ''
        : `  server ${((cpuAfter - cpuBefore) / result.requests.total).toFixed(1)} µs CPU/request`;
    const rps = result.requests.average;
    if (!baseline) baseline = rps;
    const errors = result.non2xx + result.errors;
    const ratio = rps / baseline;
    const target = targets[c.name];
    console.log(
      `${c.name.padEnd(46)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${String(result.latency.p99).padStart(4)} ms  ` +
        `ratio ${ratio.toFixed(2)}` +
        (target ? `  (target ≥ ${target}: ${ratio >= target ? 'met' : 'MISSED'})` : '') +
        cpu +
        (errors ? `  (${errors} errors/non-2xx)` : ''),
    );
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
