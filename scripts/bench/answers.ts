/**
 * bench:answers — autocannon (20 connections) against the answering routes: the answer page,
 * answers posted as JSON (with a waiting list), and iTIP REPLY emails posted raw; each as a share
 * of a trivial JSON route of the same server, the two measured back to back in BENCH_ROUNDS rounds
 * (default 3) of BENCH_DURATION s each (default 4), after a warm-up of BENCH_WARMUP s (default 2);
 * the median ratio counts (against-trivial.ts), printed beside the server's CPU per request.
 */
import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import nodemailer from 'nodemailer';
import {
  type LoadCase,
  reportAgainstTrivial,
  runFromEnvironment,
  startBenchServer,
} from './against-trivial.ts';

const { server, setup } = await startBenchServer<{
  url: string;
  dir: string;
  uid: string;
  token: string;
  invitees: { token: string; email: string }[];
}>('scripts/bench/answers-server.ts');
const { url, dir, uid, token, invitees } = setup;

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

const cases: LoadCase[] = [
  {
    name: 'GET /rsvp/:token (HTML page)',
    target: 0.4,
    options: { requests: [{ setupRequest: (r) => ({ ...r, path: `/rsvp/${next(invitees).token}` }) }] },
  },
  {
    name: 'POST /rsvp/:token (JSON answer, capacity 25)',
    target: 0.3,
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
    target: 0.2,
    options: {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
      requests: [{ setupRequest: (r) => ({ ...r, path: '/api/inbound/email', body: next(replies) }) }],
    },
  },
];

const run = runFromEnvironment({ url, connections: 20, serverPid: server.pid });
// each case warms up first, unmeasured: its first answers move ~1,000 people on or off the
// waiting list, whose mails the service then writes; the figures are of the service running
await reportAgainstTrivial(
  { name: 'bench:answers', about: `, ${invitees.length} invitees`, width: 46, server, dir },
  run,
  cases,
);
