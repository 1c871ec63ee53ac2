import { readFileSync } from 'node:fs';
import type ICAL from 'ical.js';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { calendarOf, type ReceivedMail, startSmtp } from '../helpers/mail.ts';
import { grantTestAccounts } from '../helpers/scenarios.ts';

/**
 * Seed 000 (Oslo): 100 child-welfare employees are invited to a course held as four half-day
 * sessions of 25 over two days, and each picks one — end to end through the API, the outbox, a
 * real SMTP server, mailparser and ical.js.
 */

const OSLO = 'no-oslo-barnevern-politi';
const linkOf = (mail: ReceivedMail) => /\/rsvp\/(rsvp_[A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')![1]!;
const hasCalendar = (mail: ReceivedMail) =>
  mail.parsed.attachments.some((a) => a.contentType === 'text/calendar') || /METHOD:REQUEST/.test(mail.raw);

t.test('the Oslo course: 100 invited, four sessions of 25 over two days, one choice each', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url, RSVP_RATE_LIMIT: '10000' });
  const call = async (method: string, url: string, payload?: object, headers = as.facilitator) => {
    const res = await app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null, type: res.headers['content-type'] };
  };

  const loaded = await call(
    'POST',
    '/api/programmes/load',
    JSON.parse(readFileSync('examples/no-oslo-barnevern-politi.json', 'utf8')),
    as.admin,
  );
  t.equal(loaded.status, 201, JSON.stringify(loaded.body));
  await grantTestAccounts(app, as, [OSLO]);
  // the course's own area: Enhet Øst convenes, the boroughs' child welfare services attend
  const ost = prepared<{ id: number }>(
    app.db,
    "SELECT id FROM organisation WHERE name = 'Oslo politidistrikt, Enhet Øst'",
  ).get()!;
  const area = await call('POST', '/api/areas', {
    name: 'Kurs i politibistand 2028',
    kind: 'oslo_police_unit_area',
    convenerId: ost.id,
  });
  t.equal(area.status, 201, JSON.stringify(area.body));
  const services = await call('POST', '/api/organisations', {
    kind: 'borough',
    name: 'Barneverntjenestene i Oslo',
    areaIds: [area.body.id],
  });
  t.equal(services.status, 201, JSON.stringify(services.body));
  for (let i = 1; i <= 100; i++) {
    const person = await call('POST', '/api/people', {
      name: `Barnevernkonsulent ${i}`,
      email: `bvk${i}@oslo.kommune.example`,
      organisationId: services.body.id,
      roles: ['barnevernkonsulent'],
      language: 'nb',
    });
    if (person.status !== 201) t.fail(JSON.stringify(person.body));
  }

  const created = await call('POST', '/api/meetings', {
    areaId: area.body.id,
    date: '2028-03-07',
    venueName: 'Politihøgskolen, øvingsleiligheten',
    audienceRoleKeys: ['barnevernkonsulent'],
  });
  t.equal(created.status, 201, JSON.stringify(created.body));
  const meeting = created.body;
  const base = `/api/meetings/${meeting.id}/sessions`;

  // bad input is named
  const backwards = await call('POST', base, {
    date: '2028-03-07',
    startTime: '12:00',
    endTime: '09:00',
    capacity: 25,
  });
  t.equal(backwards.status, 400);
  t.match(backwards.type, /application\/problem\+json/);
  t.same(
    backwards.body.fields.map((f: { field: string }) => f.field),
    ['body.endTime'],
    'an end before the start names endTime',
  );
  const empty = await call('POST', base, {
    date: '2028-03-07',
    startTime: '09:00',
    endTime: '12:00',
    capacity: 0,
  });
  t.equal(empty.status, 400);
  t.match(empty.body.fields[0].field, /capacity/, 'a capacity below 1 names capacity');
  t.equal((await call('GET', `${base}/999999`)).status, 404);

  const times = [
    ['2028-03-07', '09:00', '12:00'],
    ['2028-03-07', '12:30', '15:30'],
    ['2028-03-08', '09:00', '12:00'],
    ['2028-03-08', '12:30', '15:30'],
  ] as const;
  const sessions: { id: number; version: number; startsAt: string }[] = [];
  for (const [date, startTime, endTime] of times) {
    const s = await call('POST', base, { date, startTime, endTime, capacity: 25 });
    t.equal(s.status, 201, JSON.stringify(s.body));
    sessions.push(s.body);
  }
  const span = (await call('GET', `/api/meetings/${meeting.id}`)).body;
  t.equal(span.localDate, '2028-03-07', 'the meeting spans its sessions');
  t.equal(span.endsAt, sessions[3]!.startsAt.replace('T11:30', 'T14:30'), 'and ends with the last');

  // one invitation each, listing the sessions, with no calendar request yet
  const sent = await call('POST', `/api/meetings/${meeting.id}/invitations`);
  t.equal(sent.status, 200, JSON.stringify(sent.body));
  t.equal(sent.body.invited, 100, '100 invited');
  await smtp.waitFor(100);
  const invitations = smtp.received.slice(0, 100);
  t.equal(new Set(invitations.map((m) => m.envelopeTo[0])).size, 100, 'one email per invitee');
  t.notOk(invitations.some(hasCalendar), 'no invitation carries a calendar request');
  const first = invitations[0]!;
  for (const s of sessions)
    t.match(first.parsed.text, `?session=${s.id}`, `session ${s.id} is offered with its own link`);
  t.match(first.parsed.text, 'tirsdag 7. mars 2028 kl. 09:00–12:00', 'the sessions in local time, in bokmål');
  t.match(first.parsed.text, 'onsdag 8. mars 2028 kl. 12:30–15:30');
  t.match(first.parsed.html, `?session=${sessions[2]!.id}`, 'the HTML part offers them too');

  // the email's link preselects the session on the answer page; the choice is a POST
  const tokenOf = new Map(invitations.map((m) => [m.envelopeTo[0]!, linkOf(m)]));
  const page = await app.inject({
    url: `/rsvp/${tokenOf.get('bvk1@oslo.kommune.example')}?session=${sessions[1]!.id}`,
  });
  t.equal(page.statusCode, 200);
  t.match(
    page.body,
    new RegExp(`value="${sessions[1]!.id}" required checked`),
    'the linked session is preselected',
  );
  t.match(page.body, '25 ledige plasser av 25');

  const choose = (n: number, session: number) =>
    app.inject({
      method: 'POST',
      url: `/rsvp/${tokenOf.get(`bvk${n}@oslo.kommune.example`)}`,
      headers: { accept: 'application/json' },
      payload: { answer: 'accepted', session },
    });
  // the first 26 all want the first session: the 26th waits
  for (let n = 1; n <= 26; n++) {
    const res = await choose(n, sessions[0]!.id);
    t.equal(res.statusCode, 200, res.body);
    if (n === 26) {
      t.equal(res.json().seat.waiting, true, 'the 26th waits');
      t.equal(res.json().seat.waitingPosition, 1);
    }
  }
  for (let n = 27; n <= 100; n++) {
    const res = await choose(n, sessions[1 + ((n - 27) % 3)]!.id);
    if (res.statusCode !== 200) t.fail(res.body);
  }
  let list = (await call('GET', base)).body;
  t.same(
    list.sessions.map((s: { accepted: number; waiting: number }) => [s.accepted, s.waiting]),
    [
      [25, 1],
      [25, 0],
      [25, 0],
      [24, 0],
    ],
    'each session holds its 25 at most; the one over waits',
  );
  t.same(
    list.totals,
    { capacity: 100, accepted: 99, waiting: 1, free: 1, attended: 0 },
    "the meeting's figures are the sums",
  );
  const seatsPerInvitation = prepared<{ n: number }>(
    app.db,
    'SELECT count(*) AS n FROM session_seat x JOIN invitation i ON i.id = x.invitation_id WHERE i.meeting_id = ? GROUP BY x.invitation_id ORDER BY n DESC LIMIT 1',
  ).get(meeting.id)!;
  t.equal(seatsPerInvitation.n, 1, 'every invitee in at most one session');

  // one REQUEST for each place taken, at the chosen session's local time
  await smtp.waitFor(199);
  const calendarsOf = (address: string) =>
    smtp.received
      .filter((m) => m.envelopeTo.includes(address) && hasCalendar(m))
      .map((m) => calendarOf(m.parsed));
  const [chosen] = calendarsOf('bvk31@oslo.kommune.example');
  t.equal(chosen!.method, 'REQUEST');
  const start = chosen!.vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
  t.equal(start.toString(), '2028-03-08T09:00:00', "at the chosen session's local time");
  t.equal(start.zone?.tzid, 'Europe/Oslo');
  t.equal(calendarsOf('bvk26@oslo.kommune.example').length, 0, 'the one waiting has no calendar entry');

  // changing session moves the same entry: same UID, higher SEQUENCE, new time
  const changed = await choose(28, sessions[3]!.id);
  t.equal(changed.statusCode, 200, changed.body);
  await smtp.waitFor(200);
  const entries = calendarsOf('bvk28@oslo.kommune.example');
  t.equal(entries.length, 2);
  const uid = (c: (typeof entries)[number]) => c.vevent.getFirstPropertyValue('uid');
  const seq = (c: (typeof entries)[number]) => Number(c.vevent.getFirstPropertyValue('sequence'));
  t.equal(uid(entries[1]!), uid(entries[0]!), 'the same UID after the change');
  t.ok(seq(entries[1]!) > seq(entries[0]!), 'with a higher SEQUENCE');
  t.not(uid(entries[0]!), meeting.icsUid, "an entry of the invitee's own, not the meeting's");
  // the invitee's calendar, applying each message in turn by UID, holds exactly one entry
  const calendar = new Map<string, ICAL.Time>();
  for (const e of entries)
    calendar.set(String(uid(e)), e.vevent.getFirstPropertyValue('dtstart') as ICAL.Time);
  t.equal(calendar.size, 1, 'one entry in the calendar');
  t.equal([...calendar.values()][0]!.toString(), '2028-03-08T12:30:00', 'at the new session');

  // someone leaving the first session lets the 26th in, with a REQUEST
  const declined = await app.inject({
    method: 'POST',
    url: `/rsvp/${tokenOf.get('bvk3@oslo.kommune.example')}`,
    headers: { accept: 'application/json' },
    payload: { answer: 'declined' },
  });
  t.equal(declined.statusCode, 200, declined.body);
  await smtp.waitFor(202);
  const left = calendarsOf('bvk3@oslo.kommune.example');
  t.equal(left.at(-1)!.method, 'CANCEL', 'the one who left gets a CANCEL of their entry');
  const promoted = calendarsOf('bvk26@oslo.kommune.example');
  t.equal(promoted.length, 1, 'the first waiting gets the place and a REQUEST');
  t.equal(promoted[0]!.method, 'REQUEST');

  // moving a session mails only its participants
  list = (await call('GET', base)).body;
  const third = list.sessions[2];
  const before = smtp.received.length;
  const moved = await call('PATCH', `${base}/${third.id}`, {
    version: third.version,
    startTime: '10:00',
    endTime: '13:00',
    venueName: 'Politihøgskolen, aula',
  });
  t.equal(moved.status, 200, JSON.stringify(moved.body));
  await smtp.waitFor(before + third.accepted);
  await new Promise((r) => setTimeout(r, 300));
  const updates = smtp.received.slice(before);
  t.equal(
    updates.length,
    third.accepted,
    `only the ${third.accepted} participants of the moved session are mailed`,
  );
  const participants = new Set(
    prepared<{ email: string }>(
      app.db,
      'SELECT p.email FROM session_seat x JOIN invitation i ON i.id = x.invitation_id JOIN person p ON p.id = i.person_id WHERE x.session_id = ? AND NOT x.waiting',
    )
      .all(third.id)
      .map((r) => r.email),
  );
  t.ok(
    updates.every((m) => participants.has(m.envelopeTo[0]!)),
    'each to a participant of that session',
  );
  const update = calendarOf(updates[0]!.parsed);
  t.equal((update.vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toString(), '2028-03-08T10:00:00');
  t.match(String(update.vevent.getFirstPropertyValue('location')), 'aula');
  t.equal(Number(update.vevent.getFirstPropertyValue('sequence')), 1, 'the SEQUENCE raised');

  // a capacity below the places taken is refused, naming the field
  const shrink = await call('PATCH', `${base}/${third.id}`, { version: moved.body.version, capacity: 10 });
  t.equal(shrink.status, 409);
  t.same(
    shrink.body.fields.map((f: { field: string }) => f.field),
    ['body.capacity'],
  );

  // cancelling a session sends CANCEL to its participants only; they may choose again
  list = (await call('GET', base)).body;
  const second = list.sessions[1];
  const beforeCancel = smtp.received.length;
  const cancelled = await call('DELETE', `${base}/${second.id}?version=${second.version}`);
  t.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  t.ok(cancelled.body.cancelledAt, 'the session is cancelled and kept on record');
  await smtp.waitFor(beforeCancel + second.accepted);
  await new Promise((r) => setTimeout(r, 300));
  const cancels = smtp.received.slice(beforeCancel);
  t.equal(cancels.length, second.accepted, 'one CANCEL to each of its participants, nobody else');
  t.ok(cancels.every((m) => calendarOf(m.parsed).method === 'CANCEL'));
  list = (await call('GET', base)).body;
  t.equal(list.totals.capacity, 75, "the meeting's places are those of the sessions held");

  // a meeting held as sessions has no save-the-date: each entry comes with the choice
  t.equal((await call('POST', `/api/meetings/${meeting.id}/save-the-date`)).status, 409);

  // after the reply deadline the choice can no longer change
  const current = (await call('GET', `/api/meetings/${meeting.id}`)).body;
  const deadline = await call('PATCH', `/api/meetings/${meeting.id}`, {
    version: current.version,
    replyBy: '2026-11-01',
  });
  t.equal(deadline.status, 200, JSON.stringify(deadline.body));
  const after = (await call('GET', `/api/meetings/${meeting.id}`)).body;
  t.equal(after.endsAt, current.endsAt, 'setting a deadline leaves the sessions’ span as it is');
  const late = await choose(28, sessions[0]!.id);
  t.equal(late.statusCode, 409, 'a change after the reply deadline is refused');
  t.equal(late.json().reason, 'choiceClosed');
  t.match(late.headers['content-type'], /application\/problem\+json/);
  t.equal(late.json().fields[0].field, 'body.session');
  const latePage = await app.inject({
    method: 'POST',
    url: `/rsvp/${tokenOf.get('bvk28@oslo.kommune.example')}`,
    payload: `answer=accepted&session=${sessions[0]!.id}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.equal(latePage.statusCode, 409);
  t.match(
    latePage.body,
    'Du kan ikke lenger bytte økt: fristen var',
    'the page says why, in the invitee’s language',
  );
});
