import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import t from 'tap';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { createSession } from '../../server/accounts/sessions.ts';
import { buildTestApp } from '../helpers/app.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { calendarReplyMail, outboxOf } from '../helpers/mail.ts';

const NAME = 'Karoline Kvist-Mikkelsen';
const EMAIL = 'karoline.kvist@brk.dk';
const PHONE = '+45 56 92 11 47';
const COMMENT = 'Jeg kommer med toget fra Nexø';
/** Every form in which the person could linger: name, surname, address, local part, phone, her words. */
const TRACES = [NAME, 'Kvist-Mikkelsen', EMAIL, 'karoline.kvist', PHONE, COMMENT];

/** The raw bytes of the database file and its -wal file: free pages and old frames included. */
function fileBytes(dir: string): Buffer {
  const db = join(dir, 'samraad.db');
  return Buffer.concat([
    readFileSync(db),
    existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : Buffer.alloc(0),
  ]);
}

/** Every text value in every table, as "table.column: value", that contains one of the traces. */
function tracesInTables(c: import('better-sqlite3').Database): string[] {
  const found: string[] = [];
  const tables = c
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  for (const table of tables)
    for (const row of c.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[])
      for (const [column, value] of Object.entries(row)) {
        const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : '';
        for (const trace of TRACES)
          if (text.toLowerCase().includes(trace.toLowerCase())) found.push(`${table}.${column}: ${trace}`);
      }
  return found;
}

t.test('erasing a person anonymises them everywhere and keeps the meetings’ figures', async (t) => {
  const { app, as, dir } = await buildTestApp(t, { MAIL_SENDER: 'on' });
  const m = insertMeeting(app.db, {
    title: 'Politikredsmøde 2027 – Bornholm',
    status: 'planned',
    startsAt: '2027-05-06T07:00:00.000Z',
    endsAt: '2027-05-06T10:00:00.000Z',
  });
  const org = m.memberIds.Bornholm!;

  // in the register through the API, so the audit log holds her name, address and phone
  const created = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: { name: NAME, email: EMAIL, phone: PHONE, title: 'Socialchef', organisationId: org },
  });
  t.equal(created.statusCode, 201, created.body);
  const personId = created.json().id as number;
  const patched = await app.inject({
    method: 'PATCH',
    url: `/api/people/${personId}`,
    headers: as.facilitator,
    payload: { version: 1, title: 'Direktør for Social og Sundhed' },
  });
  t.equal(patched.statusCode, 200, patched.body);

  // invited by mail (captured: kept in the outbox and as .eml), answered with a comment
  const added = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.meetingId}/audience/people`,
    headers: as.facilitator,
    payload: { personId },
  });
  t.equal(added.statusCode < 300, true, added.body);
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.meetingId}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.statusCode, 200, sent.body);
  await app.mailer.drain();
  const others = insertInvitee(app.db, m.meetingId, {
    name: 'Ole Dam',
    email: 'ole@brk.dk',
    organisationId: org,
  });
  await app.inject({ method: 'POST', url: `/rsvp/${others.token}`, payload: { answer: 'declined' } });
  const raw = app.db.$client
    .prepare(
      `SELECT o.raw FROM outbox_message o JOIN invitation i ON i.id = o.invitation_id WHERE i.person_id = ?`,
    )
    .pluck()
    .get(personId) as string;
  const token = /\/rsvp\/([A-Za-z0-9_-]{20,})/.exec((await simpleParser(raw)).text ?? '')?.[1];
  t.ok(token, 'her invitation carried an answer link');
  const answered = await app.inject({
    method: 'POST',
    url: `/rsvp/${token}`,
    payload: { answer: 'accepted', comment: COMMENT },
  });
  t.equal(answered.statusCode, 200, answered.body);

  // a second meeting she passes on to a colleague: the colleague's invitation names her
  const m2 = insertMeeting(app.db, { title: 'Temamøde 2027', status: 'planned' });
  const second = insertInvitee(app.db, m2.meetingId, { name: NAME, email: EMAIL, organisationId: org });
  const delegated = await app.inject({
    method: 'POST',
    url: `/rsvp/${second.token}/delegate`,
    payload: { name: 'Jens Kollega', email: 'jens.kollega@brk.dk' },
  });
  t.equal(delegated.statusCode, 200, delegated.body);
  await app.mailer.drain();

  // a calendar reply from her
  const uid = app.db.$client
    .prepare('SELECT ics_uid FROM meeting WHERE id = ?')
    .pluck()
    .get(m.meetingId) as string;
  const inbound = await app.inject({
    method: 'POST',
    url: '/api/inbound/email',
    headers: { ...as.facilitator, 'content-type': 'message/rfc822' },
    payload: await calendarReplyMail({
      uid,
      name: NAME,
      email: EMAIL,
      organizer: 'svar@samraad.example.dk',
      subject: `Foreløbig: Politikredsmøde (${NAME})`,
      text: `Venlig hilsen ${NAME}, tlf. ${PHONE}`,
    }),
  });
  t.equal(inbound.statusCode < 300, true, inbound.body);

  // she also signs in as staff, has a session and changes something herself
  const account = createAccount(app.db, { email: EMAIL, role: 'facilitator', name: NAME });
  createSession(app.db, account.id);
  const herToken = issueApiToken(app.db, account.id);
  const attendance = await app.inject({
    method: 'PUT',
    url: `/api/meetings/${m.meetingId}/attendance`,
    headers: { authorization: `Bearer ${herToken}` },
    payload: { version: 0, personIds: [personId] },
  });
  t.equal(attendance.statusCode, 200, attendance.body);

  const figures = async () => {
    const responses = (
      await app.inject({ url: `/api/meetings/${m.meetingId}/responses`, headers: as.facilitator })
    ).json();
    const present = (
      await app.inject({ url: `/api/meetings/${m.meetingId}/attendance`, headers: as.facilitator })
    ).json();
    return { counts: responses.counts, invitees: responses.invitees.length, figures: present.figures };
  };
  const before = await figures();
  t.ok(tracesInTables(app.db.$client).length > 10, 'before: she is in many tables');

  t.equal(
    (await app.inject({ method: 'POST', url: `/api/people/${personId}/erase`, headers: as.facilitator }))
      .statusCode,
    403,
    'facilitators may not erase',
  );
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/people/424242/erase', headers: as.admin })).statusCode,
    404,
  );
  const erased = await app.inject({
    method: 'POST',
    url: `/api/people/${personId}/erase`,
    headers: as.admin,
  });
  t.equal(erased.statusCode, 200, erased.body);
  const report = erased.json();
  t.equal(report.invitations, 2, 'both invitations kept, emptied');
  t.equal(report.accounts, 1, 'her staff account closed');
  t.equal(report.outboxMessages, 2, 'her invitation, and the colleague’s invitation naming her');
  const colleague = outboxOf(app.db).find((m) => m.toAddress === 'jens.kollega@brk.dk')!;
  t.match(colleague.content.text, /Slettet person/, 'the colleague’s copy names "Slettet person" instead');

  t.same(tracesInTables(app.db.$client), [], 'no table holds her name, address, phone or comment');
  const bytes = fileBytes(dir);
  for (const trace of [NAME, EMAIL, PHONE, COMMENT])
    t.equal(bytes.indexOf(Buffer.from(trace)), -1, `"${trace}" is in neither the database file nor its -wal`);
  const mailDir = join(dir, 'mail');
  const mailFiles = existsSync(mailDir) ? readdirSync(mailDir) : [];
  t.same(
    mailFiles.filter((f) => readFileSync(join(mailDir, f), 'utf8').toLowerCase().includes(EMAIL)),
    [],
    'no captured .eml file is addressed to or names her',
  );

  t.same(await figures(), before, 'the meeting’s answer counts and participation figures are unchanged');
  const person = (await app.inject({ url: `/api/people/${personId}`, headers: as.facilitator })).json();
  t.equal(person.name, 'Slettet person');
  t.equal(person.phone, null, 'phone removed');
  t.equal(
    (await app.inject({ url: '/api/people', headers: { authorization: `Bearer ${herToken}` } })).statusCode,
    401,
    'her API token no longer works',
  );
  t.equal((await app.inject({ url: `/rsvp/${token}` })).statusCode, 404, 'her answer link no longer works');
  const audit = (
    await app.inject({ url: `/api/audit?entity=person&entityId=${personId}`, headers: as.admin })
  ).json();
  const erasure = audit.items.find((e: { action: string }) => e.action === 'erase');
  t.ok(erasure, 'the erasure is in the audit log');
  t.equal(erasure.actor, 'admin@test.example', 'with who erased');
  t.equal(erasure.changes.invitations, 2, 'and counts only');
});

t.test('person:erase on the command line erases and prints the counts', async (t) => {
  const { app, dir } = await buildTestApp(t);
  const m = insertMeeting(app.db);
  const invitee = insertInvitee(app.db, m.meetingId, {
    name: NAME,
    email: EMAIL,
    organisationId: m.memberIds.Bornholm!,
  });
  await app.close();
  const run = spawnSync(
    process.execPath,
    [...entryPointArgs('scripts/cli.ts'), 'person:erase', '--id', String(invitee.personId)],
    {
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'samraad.db'),
        MAIL_DIR: join(dir, 'mail'),
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
    },
  );
  t.equal(run.status, 0, run.stderr);
  t.equal(JSON.parse(run.stdout).invitations, 1, 'the counts are printed');
  t.equal(fileBytes(dir).indexOf(Buffer.from(EMAIL)), -1, 'her address is gone from the files');
  const bad = spawnSync(
    process.execPath,
    [...entryPointArgs('scripts/cli.ts'), 'person:erase', '--id', 'x'],
    {
      env: { ...process.env, DATABASE_PATH: join(dir, 'samraad.db'), LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    },
  );
  t.equal(bad.status, 2, 'a bad id is a usage error');
});

t.test('the person’s page: admins erase after ticking the confirmation; others see no button', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db);
  const invitee = insertInvitee(app.db, m.meetingId, {
    name: NAME,
    email: EMAIL,
    organisationId: m.memberIds.Bornholm!,
  });
  const sessionFor = async (role: 'admin' | 'facilitator') => {
    const account = app.db.$client
      .prepare('SELECT id FROM account WHERE email = ?')
      .pluck()
      .get(`${role}@test.example`) as number;
    return createSession(app.db, account);
  };
  const url = `/personer/${invitee.personId}`;
  const facilitator = await sessionFor('facilitator');
  const seen = await app.inject({ url, cookies: { samraad_session: facilitator } });
  t.equal(seen.statusCode, 200);
  t.notMatch(seen.body, /Slet personoplysninger/, 'a facilitator sees no erase button');

  const admin = await sessionFor('admin');
  const page = await app.inject({ url, cookies: { samraad_session: admin } });
  t.match(page.body, /Slet personoplysninger/, 'an admin sees the erase section');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const unconfirmed = await app.inject({
    method: 'POST',
    url: `${url}/slet-oplysninger`,
    cookies: { samraad_session: admin },
    payload: { _csrf: csrf },
  });
  t.equal(unconfirmed.statusCode, 400, 'without the tick nothing happens');
  t.match(unconfirmed.body, /Sæt kryds for at bekræfte/, 'and the page says why, in Danish');
  t.equal(
    app.db.$client.prepare('SELECT name FROM person WHERE id = ?').pluck().get(invitee.personId),
    NAME,
    'the person is untouched',
  );
  const confirmed = await app.inject({
    method: 'POST',
    url: `${url}/slet-oplysninger`,
    cookies: { samraad_session: admin },
    payload: { _csrf: csrf, confirm: 'ja' },
  });
  t.equal(confirmed.statusCode, 303);
  const after = await app.inject({ url: confirmed.headers.location!, cookies: { samraad_session: admin } });
  t.match(after.body, /Personens oplysninger er slettet/, 'the page confirms it');
  t.match(after.body, /<h1>Slettet person<\/h1>/);
  t.notMatch(after.body, new RegExp(EMAIL), 'her address is gone from the page');
});
