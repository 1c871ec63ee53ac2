import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { platformAddress } from '../../server/invitations/queue-mail.ts';
import { enqueueMail } from '../../server/mail/outbox.ts';
import { drainOutbox, requeueInterrupted } from '../../server/mail/sender.ts';
import { smtpTransport } from '../../server/mail/transports.ts';
import { buildTestApp } from '../helpers/app.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';
import { insertMeeting, insertPerson } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

function queueMany(app: App, n: number): string[] {
  const ids: string[] = [];
  app.db.transaction(() => {
    for (let i = 0; i < n; i++)
      ids.push(
        enqueueMail(app.db, {
          kind: 'test',
          to: { address: `person${i}@example.test`, name: `Person ${i}` },
          subject: `Besked ${i}`,
          text: `Hej ${i}`,
        }).messageId,
      );
  });
  return ids;
}

function statusCounts(app: App): Record<string, number> {
  const rows = prepared(app.db, 'SELECT status, count(*) AS n FROM outbox_message GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

t.test('without SMTP_URL the mail is captured: .eml files and /raw', async (t) => {
  const { app, as, dir } = await buildTestApp(t);
  bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-05-06T07:00:00.000Z',
    endsAt: '2027-05-06T10:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.json().invited, 4);
  await app.mailer.drain();
  const list = (await app.inject({ url: '/api/outbox', headers: as.viewer })).json();
  t.equal(list.total, 4);
  t.ok(list.items.every((i: { status: string }) => i.status === 'sent'));
  const files = readdirSync(join(dir, 'mail')).sort();
  t.same(files, list.items.map((i: { id: number }) => `${i.id}.eml`).sort());
  const first = list.items[0];
  const file = readFileSync(join(dir, 'mail', `${first.id}.eml`), 'utf8');
  const raw = await app.inject({ url: `/api/outbox/${first.id}/raw`, headers: as.facilitator });
  t.equal(
    (await app.inject({ url: `/api/outbox/${first.id}/raw`, headers: as.viewer })).statusCode,
    403,
    'live answer links: not for viewers',
  );
  t.equal(raw.statusCode, 200);
  t.equal(raw.headers['content-type'], 'message/rfc822');
  t.equal(raw.body, file, 'the stored source is the file');
  const parsed = await simpleParser(file);
  t.equal(parsed.messageId, first.messageId);
  t.match(parsed.text, /rsvp_[A-Za-z0-9_-]{12}_/, 'the captured copy is the mail itself, links included');
  t.equal(calendarOf(parsed).method, 'REQUEST');
  t.equal((await app.inject({ url: '/api/outbox/99999/raw', headers: as.facilitator })).statusCode, 404);
  t.equal(
    (await app.inject({ url: '/api/outbox/1/raw' })).statusCode,
    401,
    'personal data: an account is needed',
  );
});

t.test('names and titles with line breaks cannot add headers or recipients', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
  const { municipality } = bornholmWithPeople(app.db);
  prepared(app.db, 'DELETE FROM person_role').run();
  const eve = insertPerson(app.db, {
    name: 'Eve\r\nBcc: victim@evil.test\r\nX-Injected: yes',
    email: 'eve@example.test',
    organisationId: municipality.id,
    roles: ['teamleder'],
  });
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    title: 'Møde\r\nX-Title-Injected: yes\r\n\r\nbody',
    startsAt: '2027-05-06T07:00:00.000Z',
    endsAt: '2027-05-06T10:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  t.ok(eve);
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.json().invited, 1);
  await smtp.waitFor(1);
  const [mail] = smtp.received;
  t.same(mail!.envelopeTo, ['eve@example.test'], 'one recipient only');
  const headers = mail!.parsed.headers;
  t.notOk(headers.has('bcc'));
  t.notOk(headers.has('x-injected'));
  t.notOk(headers.has('x-title-injected'));
  t.notMatch(mail!.parsed.subject ?? '', /[\r\n]/);
  t.match(
    mail!.parsed.subject,
    /^Invitation: Møde X-Title-Injected: yes body, Bornholms Politi – 6\. maj 2027$/,
  );
  const cal = calendarOf(mail!.parsed);
  const attendee = cal.vevent.getFirstProperty('attendee')!;
  t.equal(attendee.getFirstValue(), 'MAILTO:eve@example.test');
  t.notMatch(cal.text, /^Bcc:/m, 'nothing broke out of the calendar text either');
});

t.test('a server that refuses every other message: each still arrives exactly once', async (t) => {
  const smtp = await startSmtp(t, { refuse: (n) => (n % 2 === 0 ? 451 : null) });
  const { app } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const ids = queueMany(app, 30);
  const transport = smtpTransport(smtp.url, { maxConnections: 3 });
  t.teardown(() => transport.close());
  const from = platformAddress(app.config);
  let rounds = 0;
  while ((statusCounts(app).queued ?? 0) > 0 && rounds < 20) {
    await drainOutbox(app.db, transport, { from, retryBaseMs: 0, maxAttempts: 10 });
    rounds++;
  }
  t.same(statusCounts(app), { sent: 30 });
  const arrived = smtp.received.map((r) => r.parsed.messageId).sort();
  t.same(arrived, [...ids].sort(), 'every message once, none twice');
  const retried = prepared(app.db, 'SELECT count(*) AS n FROM outbox_message WHERE attempts > 1').get() as {
    n: number;
  };
  t.ok(retried.n > 0, 'some needed a retry');
});

t.test('retries back off, give up after the limit, and a failed message can be sent again', async (t) => {
  let refuseAll = true;
  const smtp = await startSmtp(t, { refuse: () => (refuseAll ? 451 : null) });
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const [messageId] = queueMany(app, 1);
  const transport = smtpTransport(smtp.url, { maxConnections: 1 });
  t.teardown(() => transport.close());
  const from = platformAddress(app.config);
  let now = new Date('2027-01-01T10:00:00.000Z');
  const clock = () => now;
  const drain = () =>
    drainOutbox(app.db, transport, { from, maxAttempts: 3, retryBaseMs: 60_000, now: clock });

  t.same(await drain(), { sent: 0, retrying: 1, failed: 0 });
  const row = () =>
    prepared(
      app.db,
      'SELECT id, status, attempts, next_attempt_at AS next, last_error AS error FROM outbox_message',
    ).get() as {
      id: number;
      status: string;
      attempts: number;
      next: string;
      error: string;
    };
  t.match(row(), { status: 'queued', attempts: 1, next: '2027-01-01T10:01:00.000Z' });
  t.match(row().error, /Try again later/);
  t.same(await drain(), { sent: 0, retrying: 0, failed: 0 }, 'not due yet');
  now = new Date('2027-01-01T10:01:00.000Z');
  await drain();
  t.match(row(), { status: 'queued', attempts: 2, next: '2027-01-01T10:03:00.000Z' }, 'then 2 minutes');
  now = new Date('2027-01-01T10:03:00.000Z');
  t.same(await drain(), { sent: 0, retrying: 0, failed: 1 });
  t.match(row(), { status: 'failed', attempts: 3 });

  // mail tied to no meeting belongs to no programme: the platform's admins (operations) handle it
  const failed = (await app.inject({ url: '/api/outbox?status=failed', headers: as.admin })).json();
  t.equal(failed.total, 1);
  t.match(failed.items[0].lastError, /451/);
  const retry = await app.inject({
    method: 'POST',
    url: `/api/outbox/${row().id}/retry`,
    headers: as.admin,
  });
  t.equal(retry.statusCode, 200);
  t.match(retry.json(), { status: 'queued', attempts: 0 });
  t.equal(
    (await app.inject({ method: 'POST', url: `/api/outbox/${row().id}/retry`, headers: as.admin }))
      .statusCode,
    409,
    'only failed messages',
  );
  refuseAll = false;
  now = new Date();
  t.same(await drain(), { sent: 1, retrying: 0, failed: 0 });
  t.same(
    smtp.received.map((r) => r.parsed.messageId),
    [messageId],
  );
});

t.test('a 5xx answer is final: failed at once with the server error', async (t) => {
  const smtp = await startSmtp(t, { refuse: () => 550 });
  const { app } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  queueMany(app, 2);
  const transport = smtpTransport(smtp.url, { maxConnections: 1 });
  t.teardown(() => transport.close());
  t.same(await drainOutbox(app.db, transport, { from: platformAddress(app.config) }), {
    sent: 0,
    retrying: 0,
    failed: 2,
  });
});

t.test('a sender killed mid-run: everything arrives, only messages in flight may repeat', async (t) => {
  const smtp = await startSmtp(t, { delayMs: 15 });
  const { app, dir } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const ids = queueMany(app, 120);
  const child = spawn(process.execPath, [...entryPointArgs('scripts/cli.ts'), 'outbox:send'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, 'samraad.db'),
      SMTP_URL: smtp.url,
      MAIL_DIR: join(dir, 'mail'),
    },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await smtp.waitFor(30);
  child.kill('SIGKILL');
  t.equal(await exited, 'SIGKILL', 'the sender was killed');
  const atKill = statusCounts(app);
  t.ok((atKill.sent ?? 0) < 120, 'killed before the end');
  const inFlight = new Set(
    (
      prepared(app.db, `SELECT message_id AS id FROM outbox_message WHERE status = 'sending'`).all() as {
        id: string;
      }[]
    ).map((r) => r.id),
  );

  // the restart: what was cut off goes back in the queue, then the rest is delivered
  requeueInterrupted(app.db, { all: true });
  const transport = smtpTransport(smtp.url);
  t.teardown(() => transport.close());
  await drainOutbox(app.db, transport, { from: platformAddress(app.config) });
  t.same(statusCounts(app), { sent: 120 });

  const seen = new Map<string, number>();
  for (const r of smtp.received) seen.set(r.parsed.messageId!, (seen.get(r.parsed.messageId!) ?? 0) + 1);
  t.same([...seen.keys()].sort(), [...ids].sort(), 'every message arrived');
  const repeated = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  t.ok(
    repeated.every((id) => inFlight.has(id)),
    `repeats (${repeated.length}) only among the ${inFlight.size} in flight`,
  );
  t.ok([...seen.values()].every((n) => n <= 2));
});

t.test('the server restarting re-queues what a crash left in sending, and delivers it', async (t) => {
  const smtp = await startSmtp(t);
  const { app } = await buildTestApp(t, { SMTP_URL: smtp.url });
  const ids = queueMany(app, 5);
  // as a crashed sender leaves them: taken, with a lease far in the future
  prepared(
    app.db,
    `UPDATE outbox_message SET status = 'sending', next_attempt_at = '2999-01-01T00:00:00.000Z' WHERE id <= 3`,
  ).run();
  await app.ready(); // the mailer starts here
  await smtp.waitFor(5);
  await app.mailer.drain();
  t.same(statusCounts(app), { sent: 5 });
  t.same(smtp.received.map((r) => r.parsed.messageId).sort(), [...ids].sort());
});
