import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const run = promisify(execFile);
const cli = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [...entryPointArgs('scripts/cli.ts'), ...args], { env: { ...process.env, ...env } });

t.test('meeting:move moves a sent meeting and the invitees get the "Opdateret" request', async (t) => {
  const smtp = await startSmtp(t);
  // the server only queues here; the command line delivers, so nothing else takes the mail first
  const { app, dir, as } = await buildTestApp(t, { SMTP_URL: smtp.url, MAIL_SENDER: 'off' });
  bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-10T08:00:00.000Z',
    endsAt: '2027-03-10T11:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  await app.inject({ method: 'POST', url: `/api/meetings/${m.id}/invitations`, headers: as.facilitator });
  const env = { DATABASE_PATH: join(dir, 'samraad.db'), LOG_LEVEL: 'silent', SMTP_URL: smtp.url };
  t.match((await cli(env, 'outbox:send')).stdout, /sendt 4/);
  await smtp.waitFor(4);

  // a Friday breaks the weekday rule: refused, nothing saved, nothing queued
  const refused = await cli(env, 'meeting:move', '--id', String(m.id), '--date', '2027-03-19').catch(
    (e) => e,
  );
  t.equal(refused.code, 1);
  t.match(
    refused.stderr,
    /Flytningen bryder planlægningsreglerne.*\n.*møderne holdes kun tirsdag, onsdag og torsdag/,
  );
  const unchanged = (await app.inject({ url: `/api/meetings/${m.id}`, headers: as.viewer })).json();
  t.equal(unchanged.localDate, '2027-03-10');

  const moved = await cli(
    env,
    'meeting:move',
    '--id',
    String(m.id),
    '--date',
    '2027-03-17',
    '--start',
    '09:30',
  );
  t.match(moved.stdout, /flyttet til 2027-03-17 kl\. 09:30–12:30/);
  const after = (await app.inject({ url: `/api/meetings/${m.id}`, headers: as.viewer })).json();
  t.equal(after.localDate, '2027-03-17');
  t.equal(after.localStartTime, '09:30');
  t.equal(after.localEndTime, '12:30', 'the meeting keeps its three hours');

  const sent = await cli(env, 'outbox:send');
  t.match(sent.stdout, /sendt 4/);
  await smtp.waitFor(8);
  const updates = smtp.received.slice(4, 8);
  t.same(updates.map((u) => u.envelopeTo[0]).sort(), [
    'birgit@kommune.test',
    'hanne@boernehus.test',
    'pia@politi.test',
    'viggo@politi.test',
  ]);
  const pia = updates.find((u) => u.envelopeTo[0] === 'pia@politi.test')!;
  t.equal(pia.parsed.subject, 'Opdateret: Politikredsmøde Bornholms Politi – 17. marts 2027');
  const cal = calendarOf(pia.parsed);
  t.equal(cal.method, 'REQUEST');
  t.equal(cal.vevent.getFirstPropertyValue('uid'), m.icsUid);
  t.equal(cal.vevent.getFirstPropertyValue('sequence'), 1);
  t.equal(String(cal.vevent.getFirstPropertyValue('dtstart')), '2027-03-17T09:30:00');

  const usage = await cli(env, 'meeting:move', '--id', String(m.id), '--date', '17-03-2027').catch((e) => e);
  t.equal(usage.code, 2);
});
