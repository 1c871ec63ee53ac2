import { join } from 'node:path';
import ICAL from 'ical.js';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { delegationAttendeeParams } from '../../server/answers/delegation.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

t.test(
  'the answer page shows the meeting in Danish and records answers from a form and as JSON',
  async (t) => {
    const { app } = await buildTestApp(t);
    const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
    const kommune = m.memberIds.Bornholm!;
    const anna = insertInvitee(app.db, m.meetingId, {
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organisationId: kommune,
      roles: ['boerne-ungechef'],
    });

    const page = await app.inject({ url: `/rsvp/${anna.token}?answer=accepted` });
    t.equal(page.statusCode, 200);
    t.match(page.headers['content-type'], /^text\/html/);
    t.equal(page.headers['cache-control'], 'no-store');
    t.equal(page.headers['referrer-policy'], 'no-referrer');
    t.match(page.body, '<html lang="da">');
    t.match(page.body, 'Politikredsmøde 2027 – Bornholms Politi');
    t.match(page.body, 'onsdag den 3. marts 2027 kl. 09.00–15.00');
    t.match(page.body, 'Rønne Rådhus');
    t.match(page.body, 'Store Torv 1, 3700 Rønne');
    t.match(page.body, 'Anna Holm, Bornholm');
    for (const label of ['Deltager', 'Deltager måske', 'Deltager ikke'])
      t.match(page.body, `> ${label}</label>`);
    t.match(page.body, 'value="accepted" required checked');
    t.notMatch(page.body, 'value="declined" required checked');
    t.match(page.body, 'Du har endnu ikke svaret.');
    const mangled = await app.inject({ url: `/rsvp/${anna.token}?answer=accepted%3E` });
    t.equal(mangled.statusCode, 200, 'a mangled hint is ignored');
    t.notMatch(mangled.body, 'checked');

    const json = await app.inject({ url: `/rsvp/${anna.token}`, headers: { accept: 'application/json' } });
    t.equal(json.statusCode, 200);
    t.match(json.json(), {
      meeting: { title: 'Politikredsmøde 2027 – Bornholms Politi', venueName: 'Rønne Rådhus' },
      invitee: { name: 'Anna Holm', organisation: 'Bornholm' },
      answer: { response: 'needs_action', waitlisted: false },
    });

    const posted = await app.inject({
      method: 'POST',
      url: `/rsvp/${anna.token}`,
      headers: form,
      payload: 'answer=accepted&comment=Jeg+kommer+med+tog',
    });
    t.equal(posted.statusCode, 200);
    t.match(posted.headers['content-type'], /^text\/html/);
    // one confirmation (issue 11: it used to say "Tak, dit svar er gemt: Deltager." and "Dit svar: Deltager.")
    t.match(posted.body, 'Tak, dit svar er gemt. Dit svar: Deltager.');
    t.equal(posted.body.split('Deltager.').length, 2, 'the answer is confirmed once');
    t.match(posted.body, 'Jeg kommer med tog</textarea>');
    const row = () =>
      prepared(
        app.db,
        'SELECT response, comment, responded_at AS respondedAt FROM invitation WHERE id = ?',
      ).get(anna.invitationId) as { response: string; comment: string | null; respondedAt: string | null };
    t.match(row(), { response: 'accepted', comment: 'Jeg kommer med tog' });
    t.ok(row().respondedAt);

    const changed = await app.inject({
      method: 'POST',
      url: `/rsvp/${anna.token}`,
      payload: { answer: 'declined', comment: '' },
    });
    t.equal(changed.statusCode, 200);
    t.match(changed.json(), {
      invitationId: anna.invitationId,
      response: 'declined',
      comment: null,
      waitlisted: false,
    });
    t.match(row(), { response: 'declined', comment: null });

    const tentative = await app.inject({
      method: 'POST',
      url: `/rsvp/${anna.token}`,
      payload: { answer: 'tentative' },
    });
    t.match(tentative.json(), { response: 'tentative' });

    const audit = prepared(
      app.db,
      "SELECT actor FROM audit_entry WHERE entity = 'invitation' ORDER BY id",
    ).all() as {
      actor: string;
    }[];
    t.same(
      audit.map((a) => a.actor),
      ['svarlink:anna@brk.dk', 'svarlink:anna@brk.dk', 'svarlink:anna@brk.dk'],
    );

    const bad = await app.inject({
      method: 'POST',
      url: `/rsvp/${anna.token}`,
      payload: { answer: 'maybe' },
    });
    t.equal(bad.statusCode, 400);
    t.match(bad.headers['content-type'], /application\/problem\+json/);
    t.match(bad.json().fields, [{ field: 'body.answer' }]);
  },
);

t.test('unknown, tampered, expired and withdrawn links all get the same plain 404', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const kommune = m.memberIds.Bornholm!;
  const valid = insertInvitee(app.db, m.meetingId, { name: 'A', email: 'a@brk.dk', organisationId: kommune });
  const expired = insertInvitee(app.db, m.meetingId, {
    name: 'B',
    email: 'b@brk.dk',
    organisationId: kommune,
    tokenExpiresAt: '2020-01-01T00:00:00.000Z',
  });
  const withdrawn = insertInvitee(app.db, m.meetingId, {
    name: 'C',
    email: 'c@brk.dk',
    organisationId: kommune,
  });
  prepared(app.db, "UPDATE invitation SET withdrawn_at = '2026-11-02T00:00:00.000Z' WHERE id = ?").run(
    withdrawn.invitationId,
  );
  const last = valid.token.at(-1) === 'A' ? 'B' : 'A';
  const tampered = valid.token.slice(0, -1) + last;
  const unknown = `rsvp_${'x'.repeat(12)}_${'y'.repeat(43)}`;
  const bodies = new Set<string>();
  for (const token of [unknown, tampered, expired.token, withdrawn.token, 'garbage']) {
    const get = await app.inject({ url: `/rsvp/${token}` });
    t.equal(get.statusCode, 404, `GET ${token}`);
    bodies.add(get.body);
    const post = await app.inject({
      method: 'POST',
      url: `/rsvp/${token}`,
      headers: form,
      payload: 'answer=accepted',
    });
    t.equal(post.statusCode, 404, `POST ${token}`);
    bodies.add(post.body);
  }
  t.equal(bodies.size, 1, 'one body for every failure');
  const [body] = [...bodies];
  t.match(body, 'Siden findes ikke');
  t.notMatch(body, /udløb|expired|rsvp_/i);
  const jsonBodies = new Set<string>();
  for (const token of [unknown, tampered, expired.token]) {
    const res = await app.inject({ url: `/rsvp/${token}`, headers: { accept: 'application/json' } });
    t.equal(res.statusCode, 404);
    jsonBodies.add(res.body);
  }
  t.equal(jsonBodies.size, 1);
  t.same(JSON.parse([...jsonBodies][0]!), { type: 'about:blank#not-found', title: 'Not Found', status: 404 });
  // the valid link still works, and nothing was recorded by the failed attempts
  t.equal((await app.inject({ url: `/rsvp/${valid.token}` })).statusCode, 200);
  t.equal(
    (
      prepared(app.db, "SELECT count(*) AS n FROM invitation WHERE response != 'needs_action'").get() as {
        n: number;
      }
    ).n,
    0,
  );
});

t.test('answer links are rate limited per client address', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const a = insertInvitee(app.db, m.meetingId, {
    name: 'A',
    email: 'a@brk.dk',
    organisationId: m.memberIds.Bornholm!,
  });
  const codes: number[] = [];
  for (let i = 0; i < 31; i++)
    codes.push((await app.inject({ url: `/rsvp/${a.token}`, remoteAddress: '10.0.0.7' })).statusCode);
  t.same(codes.slice(0, 30), Array(30).fill(200));
  const limited = await app.inject({ url: `/rsvp/rsvp_guess`, remoteAddress: '10.0.0.7' });
  t.equal(limited.statusCode, 429);
  t.ok(limited.headers['retry-after']);
  t.equal((await app.inject({ url: `/rsvp/${a.token}`, remoteAddress: '10.0.0.8' })).statusCode, 200);
});

t.test('names and titles are escaped on the page', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, {
    title: 'Møde <img src=x onerror=alert(1)>',
    venueName: '"><script>alert(2)</script>',
    venueAddress: 'Gade & Vej',
  });
  const evil = insertInvitee(app.db, m.meetingId, {
    name: '<script>alert(3)</script>',
    email: 'evil@brk.dk',
    organisationId: m.memberIds.Bornholm!,
  });
  await app.inject({
    method: 'POST',
    url: `/rsvp/${evil.token}`,
    payload: { answer: 'accepted', comment: '</textarea><script>alert(4)</script>' },
  });
  const page = await app.inject({ url: `/rsvp/${evil.token}` });
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, /<script|<img/i);
  t.match(page.body, '&lt;script&gt;alert(3)&lt;/script&gt;');
  t.match(page.body, 'Møde &lt;img src=x onerror=alert(1)&gt;');
  t.match(page.body, '&quot;&gt;&lt;script&gt;alert(2)');
  t.match(page.body, 'Gade &amp; Vej');
  t.match(page.body, '&lt;/textarea&gt;&lt;script&gt;alert(4)');

  // and in the email the delegate gets
  await app.inject({
    method: 'POST',
    url: `/rsvp/${evil.token}/delegate`,
    payload: { name: 'Ven <b>', email: 'ven@brk.dk' },
  });
  const [mail] = outboxOf(app.db, 'invitation').filter((m) => m.toAddress === 'ven@brk.dk');
  t.notMatch(mail!.content.html!, /<script|<img|<b>/i);
  t.match(mail!.content.html!, 'Møde &lt;img src=x onerror=alert(1)&gt;');
  t.match(mail!.content.html!, 'Kære Ven &lt;b&gt;');
  t.match(mail!.content.text, 'Kære Ven <b>', 'plain text stays as written');
});

t.test('a leader passes the invitation to a colleague from the answer page', async (t) => {
  const { app } = await buildTestApp(t, { PUBLIC_URL: 'https://samraad.example.dk' });
  const m = insertMeeting(app.db, { capacity: 1, title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const kommune = m.memberIds.Bornholm!;
  const chef = insertInvitee(app.db, m.meetingId, {
    name: 'Chef Hansen',
    email: 'chef@brk.dk',
    organisationId: kommune,
    roles: ['boerne-ungechef'],
  });
  const other = insertInvitee(app.db, m.meetingId, {
    name: 'Other',
    email: 'other@brk.dk',
    organisationId: kommune,
  });
  t.match(
    (
      await app.inject({ method: 'POST', url: `/rsvp/${chef.token}`, payload: { answer: 'accepted' } })
    ).json(),
    {
      waitlisted: false,
    },
  );
  t.match(
    (
      await app.inject({ method: 'POST', url: `/rsvp/${other.token}`, payload: { answer: 'accepted' } })
    ).json(),
    {
      waitlisted: true,
      waitlistPosition: 1,
    },
  );

  const self = await app.inject({
    method: 'POST',
    url: `/rsvp/${chef.token}/delegate`,
    payload: { name: 'Chef', email: 'CHEF@brk.dk' },
  });
  t.equal(self.statusCode, 400);
  t.match(self.json().fields, [{ field: 'body.email' }]);
  const already = await app.inject({
    method: 'POST',
    url: `/rsvp/${chef.token}/delegate`,
    payload: { name: 'Other', email: 'other@brk.dk' },
  });
  t.equal(already.statusCode, 409);

  const res = await app.inject({
    method: 'POST',
    url: `/rsvp/${chef.token}/delegate`,
    headers: form,
    payload: 'name=Bo+Stedfortr%C3%A6der&email=Bo%40brk.dk',
  });
  t.equal(res.statusCode, 200);
  t.match(res.body, 'Bo Stedfortræder har fået en invitation til mødet i dit sted.');
  t.match(res.body, 'Du har givet invitationen videre til Bo Stedfortræder (bo@brk.dk).');

  const bo = prepared(
    app.db,
    `SELECT p.id, p.organisation_id AS organisationId, i.id AS invitationId, i.delegated_from_id AS delegatedFromId,
            i.response, i.added_by_hand AS addedByHand
     FROM person p JOIN invitation i ON i.person_id = p.id WHERE p.email = 'bo@brk.dk'`,
  ).get() as Record<string, number | string>;
  t.match(bo, {
    organisationId: kommune,
    delegatedFromId: chef.invitationId,
    response: 'needs_action',
    addedByHand: 1,
  });
  const chefRow = prepared(app.db, 'SELECT response FROM invitation WHERE id = ?').get(chef.invitationId) as {
    response: string;
  };
  t.equal(chefRow.response, 'delegated');

  // the chef's place went to the first on the waiting list
  const promoted = outboxOf(app.db, 'waitlist-promoted');
  t.equal(promoted.length, 1);
  t.equal(promoted[0]!.toAddress, 'other@brk.dk');

  // the delegate gets the sending side's own invitation, calendar part and all
  const mails = outboxOf(app.db, 'invitation');
  t.equal(mails.length, 1, 'one invitation, to the delegate only');
  const mail = mails[0];
  t.equal(mail!.toAddress, 'bo@brk.dk');
  t.equal(mail!.invitationId, bo.invitationId);
  t.match(mail!.content.text, 'Kære Bo Stedfortræder');
  t.match(
    mail!.content.text,
    'Chef Hansen kan ikke deltage og har givet sin invitation videre til dig.',
    'the email says who passed the invitation on',
  );
  t.match(mail!.content.html, 'Chef Hansen kan ikke deltage');
  const ics = (mail!.content as { icalEvent?: { method: string; content: string } }).icalEvent;
  t.equal(ics?.method, 'REQUEST');
  const vevent = new ICAL.Component(ICAL.parse(ics!.content) as unknown[]).getFirstSubcomponent('vevent')!;
  const attendee = (email: string) =>
    vevent
      .getAllProperties('attendee')
      .find((p) => String(p.getFirstValue()).toLowerCase() === `mailto:${email}`);
  t.match(attendee('bo@brk.dk')?.getParameter('delegated-from'), /chef@brk\.dk/);
  t.equal(attendee('bo@brk.dk')?.getParameter('partstat'), 'NEEDS-ACTION');
  t.match(attendee('chef@brk.dk')?.getParameter('delegated-to'), /bo@brk\.dk/);
  t.equal(attendee('chef@brk.dk')?.getParameter('partstat'), 'DELEGATED');
  const link = /https:\/\/samraad\.example\.dk(\/rsvp\/rsvp_[A-Za-z0-9_-]+)\?answer=accepted/.exec(
    mail!.content.text,
  );
  t.ok(link, 'the email carries the delegate’s own answer link');
  const delegatePage = await app.inject({ url: `${link![1]}?answer=accepted` });
  t.equal(delegatePage.statusCode, 200);
  t.match(delegatePage.body, 'Bo Stedfortræder, Bornholm');
  const accepted = await app.inject({ method: 'POST', url: link![1]!, payload: { answer: 'accepted' } });
  t.match(accepted.json(), { response: 'accepted', waitlisted: true }, 'the meeting is full again');

  t.same(
    delegationAttendeeParams(app.db, { id: chef.invitationId, delegatedFromId: null, response: 'delegated' }),
    {
      delegatedTo: 'bo@brk.dk',
    },
  );
  t.same(
    delegationAttendeeParams(app.db, {
      id: bo.invitationId as number,
      delegatedFromId: chef.invitationId,
      response: 'needs_action',
    }),
    { delegatedFrom: 'chef@brk.dk' },
  );
});

t.test(
  'the answer page shows a change to its meeting at once, made here or by another process',
  async (t) => {
    const { app, as, dir } = await buildTestApp(t);
    const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
    const invitees = ['a', 'b'].map((name) =>
      insertInvitee(app.db, m.meetingId, {
        name,
        email: `${name}@brk.dk`,
        organisationId: m.memberIds.Bornholm!,
      }),
    );
    const page = async (i = 0) => (await app.inject({ url: `/rsvp/${invitees[i]!.token}` })).body;
    t.match(await page(0), 'Politikredsmøde 2027 – Bornholms Politi');
    t.match(await page(1), 'Rønne Rådhus', "a second invitee's page shows the same meeting");

    const version = (await app.inject({ url: `/api/meetings/${m.meetingId}`, headers: as.viewer })).json()
      .version;
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${m.meetingId}`,
      headers: as.facilitator,
      payload: { version, title: 'Politikredsmøde 2027 (flyttet)', venueName: 'Nexø Bibliotek' },
    });
    t.equal(renamed.statusCode, 200, renamed.body);
    for (const i of [0, 1]) {
      const body = await page(i);
      t.match(body, 'Politikredsmøde 2027 (flyttet)');
      t.match(body, 'Nexø Bibliotek');
      t.notMatch(body, 'Rønne Rådhus');
    }

    // the CLI or a second server writes the same file
    const other = openDatabase(join(dir, 'samraad.db'));
    t.teardown(() => other.$client.close());
    other.$client
      .prepare("UPDATE meeting SET status = 'cancelled', venue_name = 'Aakirkeby Hallen' WHERE id = ?")
      .run(m.meetingId);
    const cancelled = await page(1);
    t.match(cancelled, 'Aakirkeby Hallen');
    t.match(cancelled, 'Mødet er aflyst');
    t.notMatch(cancelled, '<form');
  },
);

t.test('answers to a cancelled meeting are refused', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, { status: 'cancelled', title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const a = insertInvitee(app.db, m.meetingId, {
    name: 'A',
    email: 'a@brk.dk',
    organisationId: m.memberIds.Bornholm!,
  });
  const page = await app.inject({ url: `/rsvp/${a.token}` });
  t.match(page.body, 'Mødet er aflyst');
  t.notMatch(page.body, '<form');
  const res = await app.inject({ method: 'POST', url: `/rsvp/${a.token}`, payload: { answer: 'accepted' } });
  t.equal(res.statusCode, 409);
});

t.test('a delegate name that would break an email header is refused', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const a = insertInvitee(app.db, m.meetingId, {
    name: 'A',
    email: 'a@brk.dk',
    organisationId: m.memberIds.Bornholm!,
  });
  const res = await app.inject({
    method: 'POST',
    url: `/rsvp/${a.token}/delegate`,
    payload: { name: 'Eve\r\nBcc: all@brk.dk', email: 'eve@brk.dk' },
  });
  t.equal(res.statusCode, 400);
  t.match(res.json().fields, [{ field: 'body.name' }]);
  t.equal(outboxOf(app.db).length, 0);
});
