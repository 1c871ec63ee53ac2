/**
 * bench:soak — the service under mixed load for SOAK_MINUTES (default 10), in its own process
 * with its own data folder, sending to a local SMTP sink on 127.0.0.1:
 *   facilitators' pages (a logged-in session), 200 invitees opening and posting their answer
 *   pages, iTIP replies posted to /api/inbound/email, a report export every 15 s, and every
 *   minute a change of venue that sends all 200 an update through the outbox.
 * Prints total requests, p99 latency per stream, errors (goal 0), mail delivered, and the
 * service's memory (RSS, heap after a full GC) after a one-minute warm-up and at the end (goal:
 * no more than 10 % growth). Rates are moderate on purpose (SOAK_RATE scales them): a soak looks for leaks and
 * slow drift, not for the ceiling (bench:api and bench:answers measure that).
 */
import { fork, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import nodemailer from 'nodemailer';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 1);
const DURATION = Math.round(MINUTES * 60);
const WARM_UP = Math.min(60, DURATION / 2);

// the SMTP sink counts what the outbox delivers
const sink = fork(join(import.meta.dirname, 'smtp-sink.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: 'inherit',
});
const fromSink = <T>(key: string, ask?: string) =>
  new Promise<T>((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        sink.off('message', on);
        resolve(m[key] as T);
      }
    };
    sink.on('message', on);
    if (ask) sink.send({ type: ask });
  });
const sinkPort = await fromSink<number>('port');

const server = spawn(
  process.execPath,
  ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'soak-server.ts')],
  {
    env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${sinkPort}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
// the service's first line says where it listens; if it dies setting up, so does the soak
const first = await new Promise<string>((resolve, reject) => {
  const failed = (code: number | null) => {
    sink.send({ type: 'stop' });
    reject(new Error(`the service stopped while setting up (exit ${code})`));
  };
  server.once('exit', failed);
  createInterface({ input: server.stdout! }).once('line', (line) => {
    server.off('exit', failed);
    resolve(line);
  });
});
const setup = JSON.parse(first) as {
  url: string;
  dir: string;
  year: number;
  district: string;
  meetingId: number;
  uid: string;
  token: string;
  cookie: string;
  invitees: { token: string; email: string }[];
};
const { url, token, cookie, invitees } = setup;
const api = { authorization: `Bearer ${token}` };

// one iTIP REPLY per invitee, built beforehand, so the load only sends bytes
const mailer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const statuses = [ICalAttendeeStatus.ACCEPTED, ICalAttendeeStatus.TENTATIVE, ICalAttendeeStatus.DECLINED];
const replies: Buffer[] = [];
for (const [i, invitee] of invitees.entries()) {
  const calendar = ical({
    method: ICalCalendarMethod.REPLY,
    prodId: '//Microsoft Corporation//Outlook 16.0//EN',
  });
  calendar
    .createEvent({ id: setup.uid, start: new Date(), end: new Date(Date.now() + 3600_000), summary: 'Svar' })
    .createAttendee({ email: invitee.email, status: statuses[i % statuses.length]! });
  const info = await mailer.sendMail({
    from: invitee.email,
    to: 'svar@samraad.soak',
    subject: 'Svar: Politikredsmøde',
    text: 'Svar',
    icalEvent: { method: 'REPLY', content: calendar.toString() },
  });
  replies.push(info.message as Buffer);
}

let n = 0;
const next = <T>(list: readonly T[]) => list[n++ % list.length]!;
const pages = [
  `/aar/${setup.year}`,
  `/moeder/${setup.meetingId}`,
  `/kredse/${setup.district}`,
  '/personer',
  '/udbakke',
  '/rapporter',
];
const answers = ['accepted', 'tentative', 'declined', 'accepted'];

const streams: { name: string; options: autocannon.Options }[] = [
  {
    name: "facilitators' pages (session)",
    options: {
      url,
      connections: 2,
      overallRate: Math.max(1, Math.round(8 * RATE)),
      headers: { cookie },
      requests: [{ setupRequest: (r) => ({ ...r, path: next(pages) }) }],
    },
  },
  {
    name: 'answer pages: GET /rsvp/:token',
    options: {
      url,
      connections: 2,
      overallRate: Math.max(1, Math.round(10 * RATE)),
      requests: [{ setupRequest: (r) => ({ ...r, path: `/rsvp/${next(invitees).token}` }) }],
    },
  },
  {
    name: 'answers: POST /rsvp/:token',
    options: {
      url,
      connections: 2,
      overallRate: Math.max(1, Math.round(10 * RATE)),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            path: `/rsvp/${next(invitees).token}`,
            body: JSON.stringify({ answer: answers[n % answers.length], comment: `Svar nr. ${n}` }),
          }),
        },
      ],
    },
  },
  {
    name: 'iTIP replies: POST /api/inbound/email',
    options: {
      url,
      connections: 1,
      overallRate: Math.max(1, Math.round(4 * RATE)),
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', ...api },
      requests: [{ setupRequest: (r) => ({ ...r, path: '/api/inbound/email', body: next(replies) }) }],
    },
  },
];

/** Requests the load makes one at a time on a timer: report exports and venue changes. */
interface Timed {
  name: string;
  latencies: number[];
  errors: string[];
}

async function timed(stream: Timed, work: () => Promise<Response>): Promise<void> {
  const start = performance.now();
  try {
    const res = await work();
    await res.arrayBuffer();
    if (!res.ok) stream.errors.push(`${res.status}`);
  } catch (err) {
    stream.errors.push(String(err));
  }
  stream.latencies.push(performance.now() - start);
}

const reports: Timed = { name: 'report export (XLSX, PDF) every 15 s', latencies: [], errors: [] };
const changes: Timed = { name: 'venue change (200 updates) every 60 s', latencies: [], errors: [] };
let round = 0;
const reportTimer = setInterval(() => {
  const format = round++ % 2 ? 'pdf' : 'xlsx';
  void timed(reports, () =>
    fetch(`${url}/api/reports/national?year=${setup.year}&format=${format}`, { headers: api }),
  );
}, 15_000);
const changeTimer = setInterval(() => {
  void timed(changes, async () => {
    const meeting = (await (
      await fetch(`${url}/api/meetings/${setup.meetingId}`, { headers: api })
    ).json()) as {
      version: number;
    };
    return fetch(`${url}/api/meetings/${setup.meetingId}`, {
      method: 'PATCH',
      headers: { ...api, 'content-type': 'application/json' },
      body: JSON.stringify({ version: meeting.version, venueName: `Rådhuset, mødelokale ${round++ % 9}` }),
    });
  });
}, 60_000);

const memory = async () =>
  (await (await fetch(`${url}/bench/memory`)).json()) as {
    rss: number;
    heapUsed: number;
  };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const memoryLog: { at: number; rss: number; heapUsed: number }[] = [];
const started = Date.now();
const memoryTimer = setInterval(async () => {
  const m = await memory();
  memoryLog.push({ at: Math.round((Date.now() - started) / 1000), ...m });
}, 60_000);
const warmedUp = new Promise<{ rss: number; heapUsed: number }>((resolve) =>
  setTimeout(() => memory().then(resolve), WARM_UP * 1000),
);

try {
  console.log(
    `bench:soak — ${MINUTES} min of mixed load (rate ×${RATE}), ${invitees.length} invitees, memory after ${WARM_UP} s and at the end\n`,
  );
  const results = await Promise.all(streams.map((s) => autocannon({ ...s.options, duration: DURATION })));
  clearInterval(reportTimer);
  clearInterval(changeTimer);
  clearInterval(memoryTimer);
  const warm = await warmedUp;
  // let the outbox finish what the last change queued before the final figures
  await new Promise((r) => setTimeout(r, 5000));
  const end = await memory();
  const delivered = await fromSink<number>('count', 'count');
  const outbox = (await (await fetch(`${url}/api/outbox?status=failed`, { headers: api })).json()) as {
    total?: number;
    items?: unknown[];
  };

  let total = 0;
  let errors = 0;
  let worstP99 = 0;
  for (const [i, r] of results.entries()) {
    const failed = r.errors + r.timeouts + r.non2xx;
    total += r.requests.total;
    errors += failed;
    worstP99 = Math.max(worstP99, r.latency.p99);
    console.log(
      `${streams[i]!.name.padEnd(40)} ${String(r.requests.total).padStart(7)} requests  p99 ${String(r.latency.p99).padStart(5)} ms  errors ${failed}`,
    );
  }
  for (const s of [reports, changes]) {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]! : 0;
    total += s.latencies.length;
    errors += s.errors.length;
    worstP99 = Math.max(worstP99, p99);
    console.log(
      `${s.name.padEnd(40)} ${String(s.latencies.length).padStart(7)} requests  p99 ${p99.toFixed(0).padStart(5)} ms  errors ${s.errors.length}${s.errors.length ? ` (${s.errors.slice(0, 3).join(', ')})` : ''}`,
    );
  }
  const failedMail = outbox.total ?? outbox.items?.length ?? 0;
  console.log(`\ntotal: ${total} requests, worst p99 ${worstP99.toFixed(0)} ms, ${errors} errors (goal 0)`);
  console.log(`mail: ${delivered} delivered to the SMTP sink, ${failedMail} failed`);
  for (const m of memoryLog) console.log(`  memory at ${m.at} s: RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}`);
  const drift = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)} %`;
  console.log(
    `memory after warm-up: RSS ${mb(warm.rss)}, heap ${mb(warm.heapUsed)}; at the end: RSS ${mb(end.rss)} (${drift(warm.rss, end.rss)}), heap ${mb(end.heapUsed)} (${drift(warm.heapUsed, end.heapUsed)}) — goal: no more than 10 % growth`,
  );
  // a leak shows as growth; memory handed back to the system after the warm-up is no fault
  const ok = errors === 0 && end.rss <= warm.rss * 1.1 && end.heapUsed <= warm.heapUsed * 1.1;
  console.log(ok ? '\ngoals met' : '\ngoals NOT met');
  process.exitCode = ok ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  sink.send({ type: 'stop' });
  await new Promise((r) => server.once('exit', r));
  rmSync(setup.dir, { recursive: true, force: true });
}
