import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import t from 'tap';
import { createSession } from '../../server/accounts/sessions.ts';
import { applyRetention } from '../../server/privacy/retention.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting, insertPerson } from '../helpers/factories.ts';
import { calendarReplyMail } from '../helpers/mail.ts';

const DAY = 24 * 60 * 60 * 1000;
const EARLY_COMMENT = 'Jeg tager min praktikant med';
const LATE_COMMENT = 'Jeg har brug for en tolk';

t.test('retention removes each kind of personal data after its days, and keeps the rest', async (t) => {
  const { app, as, dir } = await buildTestApp(t, { MAIL_SENDER: 'on' });
  const c = app.db.$client;
  const t0 = Date.now();
  const at = (days: number) => new Date(t0 + days * DAY);
  const meetingEnding = (days: number, title: string) =>
    insertMeeting(app.db, {
      title,
      status: 'planned',
      startsAt: new Date(at(days).getTime() - 3 * 3600_000).toISOString(),
      endsAt: at(days).toISOString(),
    });
  const early = meetingEnding(10, 'Møde om ti dage');
  const late = meetingEnding(100, 'Møde om hundrede dage');
  const org = early.memberIds.Bornholm!;

  // Anna is invited to the early meeting by mail (captured: body, raw source, .eml file)
  const anna = insertPerson(app.db, { name: 'Anna Holm', email: 'anna@brk.dk', organisationId: org });
  await app.inject({
    method: 'POST',
    url: `/api/meetings/${early.meetingId}/audience/people`,
    headers: as.facilitator,
    payload: { personId: anna },
  });
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${early.meetingId}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.statusCode, 200, sent.body);
  await app.mailer.drain();
  const message = c.prepare("SELECT id, raw FROM outbox_message WHERE to_address = 'anna@brk.dk'").get() as {
    id: number;
    raw: string;
  };
  const eml = join(dir, 'mail', `${message.id}.eml`);
  t.ok(existsSync(eml), 'the captured copy is on disk');
  // a calendar reply from Anna (tentative), then her answer on the page (accepted, with a comment)
  const uid = c.prepare('SELECT ics_uid FROM meeting WHERE id = ?').pluck().get(early.meetingId) as string;
  const inbound = await app.inject({
    method: 'POST',
    url: '/api/inbound/email',
    headers: { ...as.facilitator, 'content-type': 'message/rfc822' },
    payload: await calendarReplyMail({
      uid,
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organizer: 'svar@samraad.example.dk',
      subject: 'Foreløbig: Møde om ti dage',
    }),
  });
  t.ok(inbound.statusCode < 300, inbound.body);
  const token = /\/rsvp\/([A-Za-z0-9_-]{20,})/.exec((await simpleParser(message.raw)).text ?? '')![1];
  const answered = await app.inject({
    method: 'POST',
    url: `/rsvp/${token}`,
    payload: { answer: 'accepted', comment: EARLY_COMMENT },
  });
  t.equal(answered.statusCode, 200, answered.body);
  const bo = insertInvitee(app.db, late.meetingId, {
    name: 'Bo Berg',
    email: 'bo@brk.dk',
    organisationId: org,
  });
  await app.inject({
    method: 'POST',
    url: `/rsvp/${bo.token}`,
    payload: { answer: 'accepted', comment: LATE_COMMENT },
  });

  const facilitator = c
    .prepare("SELECT id FROM account WHERE email = 'facilitator@test.example'")
    .pluck()
    .get();
  createSession(app.db, facilitator as number, at(0));

  const config = app.config;
  const nothing = {
    answerComments: 0,
    auditedComments: 0,
    answerNeeds: 0,
    inboundReplies: 0,
    outboxBodies: 0,
    sessions: 0,
  };
  t.same(applyRetention(app.db, config, at(29)), nothing, 'after 29 days nothing is due');

  const after95 = applyRetention(app.db, config, at(95));
  t.same(
    after95,
    { ...nothing, inboundReplies: 1, outboxBodies: 1, sessions: 1 },
    'after 95 days: the calendar reply’s sender, the mail body and the session',
  );
  const reply = c
    .prepare('SELECT from_address, attendee, subject, partstat FROM inbound_reply')
    .get() as Record<string, unknown>;
  t.same(
    reply,
    { from_address: null, attendee: null, subject: null, partstat: 'TENTATIVE' },
    'the reply is kept without who sent it',
  );
  const kept = c
    .prepare('SELECT to_address AS toAddress, status, content, raw FROM outbox_message WHERE id = ?')
    .get(message.id);
  t.same(
    kept,
    { toAddress: 'anna@brk.dk', status: 'sent', content: '{}', raw: null },
    'the delivery record stays, its body goes',
  );
  t.notOk(existsSync(eml), 'the .eml copy is deleted');
  t.equal(c.prepare('SELECT count(*) FROM session').pluck().get(), 0, 'the session is gone');
  t.equal(
    c.prepare('SELECT comment FROM invitation WHERE person_id = ?').pluck().get(anna),
    EARLY_COMMENT,
    'the comment stays: its meeting ended only 85 days ago',
  );

  const after195 = applyRetention(app.db, config, at(195));
  t.equal(after195.answerComments, 1, 'after 195 days: the early meeting’s comment (185 days after it)');
  t.equal(after195.auditedComments, 1, 'and its copy in the audit log');
  const invitations = c
    .prepare('SELECT person_id AS personId, response, comment FROM invitation ORDER BY id')
    .all();
  t.same(
    invitations,
    [
      { personId: anna, response: 'accepted', comment: null },
      { personId: bo.personId, response: 'accepted', comment: LATE_COMMENT },
    ],
    'answers stay; only the late meeting’s comment (95 days after it) is left',
  );
  const auditText = (
    c.prepare("SELECT changes FROM audit_entry WHERE entity = 'invitation'").pluck().all() as string[]
  ).join('\n');
  t.notMatch(auditText, EARLY_COMMENT, 'the audit log no longer holds the early comment');
  t.match(auditText, LATE_COMMENT, 'but still the late one');

  t.same(applyRetention(app.db, config, at(195)), nothing, 'a second run finds nothing');
  const audit = (await app.inject({ url: '/api/audit?entity=retention', headers: as.admin })).json();
  t.same(
    audit.items.map((e: { action: string; changes: unknown }) => [e.action, e.changes]),
    [
      ['retention', after195],
      ['retention', after95],
    ],
    'each run that removed something is audited, with counts only',
  );
  const db = join(dir, 'samraad.db');
  const bytes = Buffer.concat([
    readFileSync(db),
    existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : Buffer.alloc(0),
  ]);
  t.equal(bytes.indexOf(Buffer.from(EARLY_COMMENT)), -1, 'the removed comment is in neither file');

  const off = applyRetention(
    app.db,
    { ...config, RETENTION_ANSWER_COMMENTS_DAYS: 0, RETENTION_SESSIONS_DAYS: 0 },
    at(10_000),
  );
  t.equal(off.answerComments, 0, '0 days keeps comments for good');
});
