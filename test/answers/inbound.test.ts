import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import nodemailer from 'nodemailer';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { startSmtp } from '../helpers/mail.ts';

const ORGANIZER = 'svar@samraad.example.dk';

interface ReplyOptions {
  uid: string;
  attendee: string;
  name?: string;
  status: ICalAttendeeStatus;
  method?: ICalCalendarMethod;
  stamp?: Date;
  delegatedTo?: { email: string; name: string };
  comment?: string;
}

/** An iTIP REPLY as Outlook sends it, built by ical-generator (not by the project's code). */
function replyCalendar(o: ReplyOptions): string {
  const calendar = ical({
    method: o.method ?? ICalCalendarMethod.REPLY,
    prodId: '//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
  });
  const event = calendar.createEvent({
    id: o.uid,
    start: new Date('2027-03-03T08:00:00Z'),
    end: new Date('2027-03-03T14:00:00Z'),
    stamp: o.stamp ?? new Date(),
    summary: 'Politikredsmøde 2027',
    sequence: 0,
    organizer: { name: 'Samråd', email: ORGANIZER },
    x: o.comment ? [['COMMENT', o.comment]] : [],
  });
  const attendee = event.createAttendee({ email: o.attendee, name: o.name ?? o.attendee, status: o.status });
  if (o.delegatedTo) attendee.delegatesTo({ email: o.delegatedTo.email, name: o.delegatedTo.name });
  return calendar.toString();
}

/** The raw RFC 822 source nodemailer would send: calendar as alternative part or as .ics attachment. */
async function rawMail(from: string, subject: string, calendar: string | null, asAttachment = false) {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from,
    to: ORGANIZER,
    subject,
    text: 'Svar på mødeindkaldelse',
    ...(calendar && !asAttachment ? { icalEvent: { method: 'REPLY', content: calendar } } : {}),
    ...(calendar && asAttachment
      ? { attachments: [{ filename: 'invite.ics', content: calendar, contentType: 'application/ics' }] }
      : {}),
  });
  return info.message as Buffer;
}

async function setup(t: Parameters<typeof buildTestApp>[0], env: Record<string, string> = {}) {
  const built = await buildTestApp(t, env);
  const m = insertMeeting(built.app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const org = m.memberIds.Bornholm!;
  const anna = insertInvitee(built.app.db, m.meetingId, {
    name: 'Anna Holm',
    email: 'anna@brk.dk',
    organisationId: org,
  });
  const bo = insertInvitee(built.app.db, m.meetingId, {
    name: 'Bo Berg',
    email: 'bo@brk.dk',
    organisationId: org,
  });
  const responseOf = (invitationId: number) =>
    prepared(built.app.db, 'SELECT response, comment FROM invitation WHERE id = ?').get(invitationId) as {
      response: string;
      comment: string | null;
    };
  return { ...built, m, anna, bo, responseOf };
}

t.test('a REPLY posted as raw email records the attendee’s answer', async (t) => {
  const { app, as, m, anna, responseOf } = await setup(t);
  const raw = await rawMail(
    'Anna Holm <Anna@brk.dk>',
    'Accepteret: Politikredsmøde 2027',
    replyCalendar({
      uid: m.icsUid,
      attendee: 'Anna@brk.dk',
      status: ICalAttendeeStatus.ACCEPTED,
      comment: 'Vi ses',
    }),
  );
  const post = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/inbound/email',
      headers: { 'content-type': 'message/rfc822', ...headers },
      payload: raw,
    });
  t.equal((await post({})).statusCode, 401);
  t.equal((await post(as.viewer)).statusCode, 403);
  const res = await post(as.facilitator);
  t.equal(res.statusCode, 200);
  t.match(res.json().replies, [
    {
      channel: 'http',
      from: 'anna@brk.dk',
      subject: 'Accepteret: Politikredsmøde 2027',
      uid: m.icsUid,
      attendee: 'anna@brk.dk',
      partstat: 'ACCEPTED',
      invitationId: anna.invitationId,
      reason: null,
    },
  ]);
  t.same(responseOf(anna.invitationId), { response: 'accepted', comment: 'Vi ses' });
  const audit = prepared(app.db, "SELECT actor FROM audit_entry WHERE entity = 'invitation'").get() as {
    actor: string;
  };
  t.equal(audit.actor, 'kalendersvar:anna@brk.dk');

  // the answer page shows what was answered from the calendar
  t.match((await app.inject({ url: `/rsvp/${anna.token}` })).body, 'Dit svar: Deltager.');

  const empty = await app.inject({
    method: 'POST',
    url: '/api/inbound/email',
    headers: { 'content-type': 'message/rfc822', ...as.facilitator },
    payload: '',
  });
  t.equal(empty.statusCode, 400);
});

t.test('a mail provider may post with the shared secret instead of an account', async (t) => {
  const { app, m, bo, responseOf } = await setup(t, { INBOUND_SECRET: 's3cret-for-the-webhook' });
  const raw = await rawMail(
    'bo@brk.dk',
    'Afvist: Politikredsmøde 2027',
    replyCalendar({ uid: m.icsUid, attendee: 'bo@brk.dk', status: ICalAttendeeStatus.DECLINED }),
    true,
  );
  const post = (secret: string) =>
    app.inject({
      method: 'POST',
      url: '/api/inbound/email',
      headers: { 'content-type': 'message/rfc822', 'x-inbound-secret': secret },
      payload: raw,
    });
  t.equal((await post('wrong-secret-wrong-secret')).statusCode, 401);
  const res = await post('s3cret-for-the-webhook');
  t.equal(res.statusCode, 200);
  t.match(
    res.json().replies,
    [{ partstat: 'DECLINED', invitationId: bo.invitationId, reason: null }],
    'read from the .ics attachment',
  );
  t.equal(responseOf(bo.invitationId).response, 'declined');
});

t.test('replies that match nothing are kept with the reason and listed', async (t) => {
  const { app, as, m, anna, bo, responseOf } = await setup(t);
  const answered: unknown[] = [];
  const post = async (raw: Buffer | string) => {
    const { replies } = (
      await app.inject({
        method: 'POST',
        url: '/api/inbound/email',
        headers: { 'content-type': 'message/rfc822', ...as.facilitator },
        payload: raw,
      })
    ).json();
    answered.push(...replies);
    return replies;
  };
  const accepted = ICalAttendeeStatus.ACCEPTED;
  t.match(
    await post(
      await rawMail(
        'x@y.dk',
        'Ukendt',
        replyCalendar({ uid: 'nope@else', attendee: 'x@y.dk', status: accepted }),
      ),
    ),
    [{ uid: 'nope@else', invitationId: null, reason: 'no meeting has this UID' }],
  );
  t.match(
    await post(
      await rawMail(
        'eve@evil.dk',
        'Ikke inviteret',
        replyCalendar({ uid: m.icsUid, attendee: 'eve@evil.dk', status: accepted }),
      ),
    ),
    [{ attendee: 'eve@evil.dk', reason: 'the attendee is not invited to this meeting' }],
  );
  t.match(
    await post(
      await rawMail(
        'eve@evil.dk',
        'Forfalsket',
        replyCalendar({ uid: m.icsUid, attendee: 'anna@brk.dk', status: accepted }),
      ),
    ),
    [{ attendee: 'anna@brk.dk', invitationId: null, reason: 'the sender eve@evil.dk is not the attendee' }],
  );
  t.equal(responseOf(anna.invitationId).response, 'needs_action', 'a forged reply changes nothing');
  t.match(await post(await rawMail('bo@brk.dk', 'Bare tekst', null)), [
    { from: 'bo@brk.dk', uid: null, reason: 'no calendar data in the message' },
  ]);
  t.match(
    await post(
      await rawMail(
        'bo@brk.dk',
        'Videresendt invitation',
        replyCalendar({
          uid: m.icsUid,
          attendee: 'bo@brk.dk',
          status: accepted,
          method: ICalCalendarMethod.REQUEST,
        }),
        true,
      ),
    ),
    [{ reason: 'no iTIP REPLY in the calendar data (found: REQUEST)' }],
  );
  t.match(await post('this is not an email at all'), [{ reason: 'no calendar data in the message' }]);

  // an answer from the page after the calendar reply was written wins over the late reply
  await app.inject({ method: 'POST', url: `/rsvp/${bo.token}`, payload: { answer: 'tentative' } });
  t.match(
    await post(
      await rawMail(
        'bo@brk.dk',
        'Sent svar',
        replyCalendar({
          uid: m.icsUid,
          attendee: 'bo@brk.dk',
          status: accepted,
          stamp: new Date(Date.now() - 3600_000),
        }),
      ),
    ),
    [{ invitationId: bo.invitationId, reason: 'older than the answer already recorded' }],
  );
  t.equal(responseOf(bo.invitationId).response, 'tentative');

  const all = await app.inject({ url: '/api/inbound/replies', headers: as.viewer });
  t.equal(all.statusCode, 200);
  t.equal(all.json().total, 7);
  t.strictSame(
    [...all.json().items].reverse(),
    answered,
    'each reply as the POST answered it is the reply as stored and listed',
  );
  const unmatched = await app.inject({
    url: '/api/inbound/replies?unmatched=true&limit=3',
    headers: as.viewer,
  });
  t.match(unmatched.json(), { total: 7, limit: 3 });
  t.equal(unmatched.json().items.length, 3);
  t.equal(unmatched.json().items[0].subject, 'Sent svar', 'newest first');
  t.equal((await app.inject({ url: '/api/inbound/replies' })).statusCode, 401);
});

t.test('a DELEGATED reply passes the invitation to the colleague it names', async (t) => {
  const smtp = await startSmtp(t);
  // an hourly sweep: the colleague's invitation can only arrive in time if the reply kicks the sender
  const { app, as, m, anna, responseOf } = await setup(t, {
    SMTP_URL: smtp.url,
    MAIL_SEND_INTERVAL_MS: '3600000',
  });
  const raw = await rawMail(
    'anna@brk.dk',
    'Delegeret: Politikredsmøde 2027',
    replyCalendar({
      uid: m.icsUid,
      attendee: 'anna@brk.dk',
      status: ICalAttendeeStatus.DELEGATED,
      delegatedTo: { email: 'cecilie@brk.dk', name: 'Cecilie Dam' },
    }),
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/inbound/email',
    headers: { 'content-type': 'message/rfc822', ...as.facilitator },
    payload: raw,
  });
  t.match(res.json().replies, [{ attendee: 'anna@brk.dk', partstat: 'DELEGATED', reason: null }]);
  t.equal(responseOf(anna.invitationId).response, 'delegated');
  const delegate = prepared(
    app.db,
    `SELECT p.name, i.delegated_from_id AS delegatedFromId FROM invitation i JOIN person p ON p.id = i.person_id
     WHERE p.email = 'cecilie@brk.dk'`,
  ).get();
  t.same(delegate, { name: 'Cecilie Dam', delegatedFromId: anna.invitationId });
  await smtp.waitFor(1);
  t.same(
    smtp.received.map((r) => r.envelopeTo),
    [['cecilie@brk.dk']],
    'the colleague gets an invitation of her own right away',
  );
});

t.test('the built-in SMTP receiver records a REPLY sent over a real SMTP connection', async (t) => {
  const { app, m, anna, bo, responseOf } = await setup(t, { INBOUND_SMTP_PORT: '0' });
  await app.ready();
  const port = app.inboundSmtpPort();
  t.ok(port, 'listening');
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: port!,
    secure: false,
    ignoreTLS: true,
  });
  t.teardown(() => transport.close());
  const info = await transport.sendMail({
    from: 'Anna Holm <anna@brk.dk>',
    to: ORGANIZER,
    subject: 'Foreløbigt: Politikredsmøde 2027',
    text: 'Jeg kommer måske.',
    icalEvent: {
      method: 'REPLY',
      content: replyCalendar({
        uid: m.icsUid,
        attendee: 'anna@brk.dk',
        status: ICalAttendeeStatus.TENTATIVE,
      }),
    },
  });
  t.match(info.response, /^250/);
  t.equal(responseOf(anna.invitationId).response, 'tentative');
  // an unmatched message is accepted too (kept, not bounced)
  const other = await transport.sendMail({
    from: 'bo@brk.dk',
    to: ORGANIZER,
    subject: 'Hej',
    text: 'Ingen kalender',
  });
  t.match(other.response, /^250/);
  const rows = prepared(
    app.db,
    'SELECT channel, invitation_id AS invitationId, reason FROM inbound_reply ORDER BY id',
  ).all();
  t.same(rows, [
    { channel: 'smtp', invitationId: anna.invitationId, reason: null },
    { channel: 'smtp', invitationId: null, reason: 'no calendar data in the message' },
  ]);
  t.equal(responseOf(bo.invitationId).response, 'needs_action');
});

t.test('without INBOUND_SMTP_PORT no receiver is started', async (t) => {
  const { app } = await buildTestApp(t);
  await app.ready();
  t.equal(app.inboundSmtpPort(), null);
});
