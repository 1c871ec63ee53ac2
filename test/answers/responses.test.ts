import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { readInvitee } from '../../server/answers/meeting-reads.ts';
import {
  answerState,
  inviteeActor,
  type ResponseChange,
  recordResponse,
} from '../../server/answers/responses.ts';
import { queueOrganisationChasers } from '../../server/invitations/chasing.ts';
import { queueDueReminders } from '../../server/invitations/reminders.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting, insertPerson } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';

t.test('acceptances beyond the capacity wait, and move up in order when someone declines', async (t) => {
  const { app, as } = await buildTestApp(t);
  const m = insertMeeting(app.db, { capacity: 2, title: 'Kursus for fagkonsulenter' });
  const org = m.memberIds.Bornholm!;
  const people = ['a', 'b', 'c', 'd'].map((x) =>
    insertInvitee(app.db, m.meetingId, {
      name: `Person ${x.toUpperCase()}`,
      email: `${x}@brk.dk`,
      organisationId: org,
    }),
  );
  const answer = async (i: number, answer: string) =>
    (await app.inject({ method: 'POST', url: `/rsvp/${people[i]!.token}`, payload: { answer } })).json();

  t.match(await answer(0, 'accepted'), { waitlisted: false });
  t.match(await answer(1, 'accepted'), { waitlisted: false });
  t.match(await answer(2, 'accepted'), { waitlisted: true, waitlistPosition: 1 });
  t.match(await answer(3, 'accepted'), { waitlisted: true, waitlistPosition: 2 });
  t.match(
    await answer(2, 'accepted'),
    { waitlisted: true, waitlistPosition: 1 },
    'answering yes again keeps the place in line',
  );
  const waitMails = outboxOf(app.db, 'waitlist');
  t.same(
    waitMails.map((w) => w.toAddress),
    ['c@brk.dk', 'd@brk.dk'],
    'one notice each, not one per repeated answer',
  );
  t.match(waitMails[1]!.content.text, 'Du er nummer 2 på ventelisten.');
  t.match(waitMails[1]!.subject, 'På venteliste: Kursus for fagkonsulenter');

  // someone with a place declines: the first in line gets it
  t.match(await answer(0, 'declined'), { response: 'declined', waitlisted: false });
  const promoted = outboxOf(app.db, 'waitlist-promoted');
  t.same(
    promoted.map((p) => p.toAddress),
    ['c@brk.dk'],
  );
  t.match(promoted[0]!.content.text, 'du er rykket op fra ventelisten');
  const page = await app.inject({ url: `/rsvp/${people[3]!.token}` });
  t.match(page.body, 'du er nummer 1 på ventelisten');

  // someone waiting who declines just leaves the line; nobody is promoted
  t.match(await answer(3, 'declined'), { waitlisted: false });
  t.equal(outboxOf(app.db, 'waitlist-promoted').length, 1);

  const res = await app.inject({ url: `/api/meetings/${m.meetingId}/responses`, headers: as.viewer });
  t.equal(res.statusCode, 200);
  t.match(res.json().counts, { invited: 4, accepted: 2, waitlisted: 0, declined: 2, noAnswer: 0 });
});

t.test('responses per invitee and per organisation, at leadership and practice level', async (t) => {
  const { app, as } = await buildTestApp(t);
  const m = insertMeeting(app.db, { districtCode: '1470', title: 'Politikredsmøde 2027 – Bornholms Politi' }); // Københavns Politi: 4 municipalities
  const names = Object.keys(m.memberIds).sort();
  t.same(names, ['Dragør', 'Frederiksberg', 'København', 'Tårnby']);
  const kbh = m.memberIds.København!;
  const frb = m.memberIds.Frederiksberg!;
  const leader = insertInvitee(app.db, m.meetingId, {
    name: 'Leder K',
    email: 'leder@kk.dk',
    organisationId: kbh,
    roles: ['boerne-ungechef'],
  });
  const worker = insertInvitee(app.db, m.meetingId, {
    name: 'Sagsbehandler K',
    email: 'sb@kk.dk',
    organisationId: kbh,
    roles: ['kommunal-sagsbehandler'],
  });
  const frbLeader = insertInvitee(app.db, m.meetingId, {
    name: 'Leder F',
    email: 'leder@frb.dk',
    organisationId: frb,
    roles: ['afdelingsleder'],
  });
  const police = insertInvitee(app.db, m.meetingId, {
    name: 'Politileder',
    email: 'pl@politi.dk',
    organisationId: m.convenerId,
    roles: ['leder-personfarlig-kriminalitet'],
  });
  for (const [inv, answer, comment] of [
    [leader, 'accepted', 'Glæder mig'],
    [worker, 'accepted', undefined],
    [frbLeader, 'declined', 'Ferie'],
    [police, 'tentative', undefined],
  ] as const)
    await app.inject({ method: 'POST', url: `/rsvp/${inv.token}`, payload: { answer, comment } });
  // Frederiksberg's leader sends a practice-level colleague; the colleague stands in at leader level too
  await app.inject({
    method: 'POST',
    url: `/rsvp/${frbLeader.token}/delegate`,
    payload: { name: 'Stedfortræder F', email: 'sf@frb.dk' },
  });
  const stand = prepared(
    app.db,
    "SELECT i.id FROM invitation i JOIN person p ON p.id = i.person_id WHERE p.email = 'sf@frb.dk'",
  ).get() as { id: number };

  t.equal((await app.inject({ url: `/api/meetings/${m.meetingId}/responses` })).statusCode, 401);
  t.equal((await app.inject({ url: '/api/meetings/99999/responses', headers: as.viewer })).statusCode, 404);
  const res = await app.inject({ url: `/api/meetings/${m.meetingId}/responses`, headers: as.viewer });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.same(body.counts, {
    invited: 5,
    accepted: 2,
    waitlisted: 0,
    tentative: 1,
    declined: 0,
    delegated: 1,
    noAnswer: 1,
  });
  const byEmail = Object.fromEntries(
    body.invitees.map((i: { person: { email: string } }) => [i.person.email, i]),
  );
  t.match(byEmail['leder@kk.dk'], {
    organisation: { name: 'København', kind: 'municipality' },
    roles: [{ key: 'boerne-ungechef', level: 'leadership' }],
    levels: ['leadership'],
    response: 'accepted',
    comment: 'Glæder mig',
    waitlisted: false,
    delegatedFrom: null,
    delegatedTo: null,
  });
  t.ok(byEmail['leder@kk.dk'].respondedAt);
  t.match(byEmail['leder@frb.dk'], {
    response: 'delegated',
    comment: 'Ferie',
    delegatedTo: { invitationId: stand.id, name: 'Stedfortræder F', email: 'sf@frb.dk' },
  });
  t.match(byEmail['sf@frb.dk'], {
    organisation: { name: 'Frederiksberg' },
    roles: [],
    levels: ['leadership'],
    response: 'needs_action',
    delegatedFrom: { invitationId: frbLeader.invitationId, name: 'Leder F' },
  });

  const orgs = Object.fromEntries(body.organisations.map((o: { name: string }) => [o.name, o]));
  t.equal(body.organisations[0].memberRole, 'convener', 'the convener first');
  t.match(orgs.København, {
    memberRole: 'member',
    invited: 2,
    accepted: 2,
    leadership: true,
    practice: true,
  });
  t.match(orgs.Frederiksberg, { invited: 2, accepted: 0, leadership: false, practice: false });
  t.match(orgs['Københavns Politi'], { memberRole: 'convener', tentative: 1, leadership: false });
  t.match(orgs.Dragør, { invited: 0, accepted: 0, leadership: false, practice: false });

  // the stand-in accepts: Frederiksberg is now represented at leadership level through the delegation
  const link = /\/rsvp\/(rsvp_[A-Za-z0-9_-]+)\?answer=accepted/.exec(
    outboxOf(app.db, 'invitation').find((m) => m.toAddress === 'sf@frb.dk')!.content.text,
  )!;
  await app.inject({ method: 'POST', url: `/rsvp/${link[1]}`, payload: { answer: 'accepted' } });
  const after = (
    await app.inject({ url: `/api/meetings/${m.meetingId}/responses`, headers: as.viewer })
  ).json();
  t.match(
    after.organisations.find((o: { name: string }) => o.name === 'Frederiksberg'),
    { accepted: 1, leadership: true, practice: false },
  );
});

t.test(
  'organisations with nobody signed up are listed, and their fixed contact is chased once',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const m = insertMeeting(app.db, {
      districtCode: '1471',
      startsAt: '2027-03-03T08:00:00.000Z',
      title: 'Politikredsmøde 2027 – Bornholms Politi',
    });
    const bornholm = m.memberIds.Bornholm!;
    insertInvitee(app.db, m.meetingId, { name: 'Leder B', email: 'leder@brk.dk', organisationId: bornholm });
    insertPerson(app.db, {
      name: 'Kontakt B',
      email: 'kontakt@brk.dk',
      organisationId: bornholm,
      isFixedContact: true,
    });
    const police = insertInvitee(app.db, m.meetingId, {
      name: 'Politi',
      email: 'p@politi.dk',
      organisationId: m.convenerId,
      isFixedContact: true,
    });
    await app.inject({ method: 'POST', url: `/rsvp/${police.token}`, payload: { answer: 'accepted' } });

    const gaps = await app.inject({ url: `/api/meetings/${m.meetingId}/gaps`, headers: as.viewer });
    t.equal(gaps.statusCode, 200);
    t.match(gaps.json(), {
      meetingId: m.meetingId,
      daysBefore: 14,
      chaseFrom: '2027-02-17T08:00:00.000Z',
      due: false,
    });
    t.same(
      gaps.json().organisations.map((o: { name: string }) => o.name),
      ['Bornholm', 'Børnehus Hovedstaden'],
      'the police district has signed up; the municipality and the children’s house have not',
    );
    t.match(gaps.json().organisations[0], {
      invited: 1,
      fixedContact: { name: 'Kontakt B', email: 'kontakt@brk.dk' },
      chasedAt: null,
    });
    t.match(gaps.json().organisations[1], { invited: 0, fixedContact: null });
    t.equal(
      (await app.inject({ url: `/api/meetings/${m.meetingId}/gaps?daysBefore=x`, headers: as.viewer }))
        .statusCode,
      400,
    );

    const config = { CHASE_DAYS_BEFORE: 14 };
    const early = queueOrganisationChasers(app.db, config, new Date('2027-02-01T00:00:00Z'));
    t.match(early, { meetings: 0, queued: 0 });
    const due = new Date('2027-02-20T06:00:00Z');
    const first = queueOrganisationChasers(app.db, config, due);
    t.match(first, { meetings: 1, queued: 1, withoutContact: [{ name: 'Børnehus Hovedstaden' }] });
    const second = queueOrganisationChasers(app.db, config, new Date('2027-02-21T06:00:00Z'));
    t.match(second, { meetings: 1, queued: 0 });
    const mails = outboxOf(app.db, 'organisation-chaser');
    t.equal(mails.length, 1, 'chased once');
    t.equal(mails[0]!.toAddress, 'kontakt@brk.dk');
    t.equal(mails[0]!.meetingId, m.meetingId);
    t.match(
      mails[0]!.content.text,
      'Ingen fra Bornholm har endnu meldt sig til Politikredsmøde 2027 – Bornholms Politi.',
    );
    t.match(mails[0]!.content.html, 'Ingen fra Bornholm har endnu meldt sig til');
    const listed = (
      await app.inject({ url: `/api/meetings/${m.meetingId}/gaps`, headers: as.viewer })
    ).json();
    t.equal(listed.organisations[0].chasedAt, '2027-02-20T06:00:00.000Z');

    // a meeting in the past, a cancelled one and a draft are never chased
    for (const status of ['cancelled', 'draft'] as const) {
      const other = insertMeeting(app.db, {
        status,
        startsAt: '2027-03-01T08:00:00.000Z',
        title: 'Politikredsmøde 2027 – Bornholms Politi',
        endsAt: '2027-03-03T14:00:00.000Z',
      });
      insertInvitee(app.db, other.meetingId, {
        name: 'X',
        email: `x-${status}@brk.dk`,
        organisationId: bornholm,
      });
    }
    t.match(
      queueOrganisationChasers(app.db, config, due),
      { meetings: 1, queued: 0 },
      'only the first meeting',
    );
  },
);

t.test('a raised capacity lets those waiting in, in order', async (t) => {
  const { app, as } = await buildTestApp(t);
  const m = insertMeeting(app.db, { capacity: 1, title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const org = m.memberIds.Bornholm!;
  const [a, b, c] = ['a', 'b', 'c'].map((x) =>
    insertInvitee(app.db, m.meetingId, { name: x, email: `${x}@brk.dk`, organisationId: org }),
  );
  for (const inv of [a, b, c])
    await app.inject({ method: 'POST', url: `/rsvp/${inv!.token}`, payload: { answer: 'accepted' } });
  t.equal(outboxOf(app.db, 'waitlist').length, 2);
  const res = await app.inject({
    method: 'PATCH',
    url: `/api/meetings/${m.meetingId}`,
    headers: as.facilitator,
    payload: { capacity: 2, version: 1 },
  });
  t.equal(res.statusCode, 200);
  t.same(
    outboxOf(app.db, 'waitlist-promoted').map((p) => p.toAddress),
    ['b@brk.dk'],
  );
  t.equal(outboxOf(app.db, 'update').length, 0, 'no calendar update for a capacity change');
  const view = await app.inject({ url: `/rsvp/${c!.token}`, headers: { accept: 'application/json' } });
  t.match(view.json().answer, { waitlisted: true, waitlistPosition: 1 });
});

t.test('someone taken off the list while waiting no longer counts in the line', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, { capacity: 1, title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const org = m.memberIds.Bornholm!;
  const [a, b, c] = ['a', 'b', 'c'].map((x) =>
    insertInvitee(app.db, m.meetingId, { name: x, email: `${x}@brk.dk`, organisationId: org }),
  );
  for (const inv of [a, b, c])
    await app.inject({ method: 'POST', url: `/rsvp/${inv!.token}`, payload: { answer: 'accepted' } });
  prepared(app.db, "UPDATE invitation SET withdrawn_at = '2026-11-03T00:00:00.000Z' WHERE id = ?").run(
    b!.invitationId,
  );
  const view = await app.inject({ url: `/rsvp/${c!.token}`, headers: { accept: 'application/json' } });
  t.match(view.json().answer, { waitlisted: true, waitlistPosition: 1 });
  // when a's place frees, c (not the withdrawn b) gets it
  await app.inject({ method: 'POST', url: `/rsvp/${a!.token}`, payload: { answer: 'declined' } });
  t.same(
    outboxOf(app.db, 'waitlist-promoted').map((p) => p.toAddress),
    ['c@brk.dk'],
  );
});

t.test('the running service chases by itself when it starts, once', async (t) => {
  const { app } = await buildTestApp(t);
  const inTenDays = new Date(Date.now() + 10 * 86_400_000);
  const m = insertMeeting(app.db, {
    startsAt: inTenDays.toISOString(),
    endsAt: new Date(inTenDays.getTime() + 4 * 3600_000).toISOString(),
    title: 'Politikredsmøde 2027 – Bornholms Politi',
  });
  const bornholm = m.memberIds.Bornholm!;
  insertInvitee(app.db, m.meetingId, { name: 'Leder', email: 'leder@brk.dk', organisationId: bornholm });
  insertPerson(app.db, {
    name: 'Kontakt',
    email: 'kontakt@brk.dk',
    organisationId: bornholm,
    isFixedContact: true,
  });
  await app.ready();
  const chasers = outboxOf(app.db, 'organisation-chaser');
  t.same(
    chasers.map((c) => c.toAddress),
    ['kontakt@brk.dk'],
  );
});

t.test(
  'taking an accepted invitee off the list gives the place on; reminders skip those still waiting',
  async (t) => {
    const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
    const m = insertMeeting(app.db, { capacity: 1, title: 'Politikredsmøde 2027 – Bornholms Politi' });
    const org = m.memberIds.Bornholm!;
    const [a, b, c] = ['a', 'b', 'c'].map((x) =>
      insertInvitee(app.db, m.meetingId, { name: x, email: `${x}@brk.dk`, organisationId: org }),
    );
    for (const inv of [a, b, c])
      await app.inject({ method: 'POST', url: `/rsvp/${inv!.token}`, payload: { answer: 'accepted' } });

    const reminded = queueDueReminders(app.db, app.config, new Date('2027-02-27T08:00:00Z'));
    t.equal(reminded, 1, 'only the one holding a place');
    t.same(
      outboxOf(app.db, 'reminder').map((r) => r.toAddress),
      ['a@brk.dk'],
    );

    const res = await app.inject({
      method: 'DELETE',
      url: `/api/meetings/${m.meetingId}/audience/people/${a!.personId}`,
      headers: as.facilitator,
    });
    t.ok(res.statusCode < 300, `removed (${res.statusCode})`);
    t.same(
      outboxOf(app.db, 'waitlist-promoted').map((p) => p.toAddress),
      ['b@brk.dk'],
    );
  },
);

t.test('the state an answer returns is the one read back from the database after it', async (t) => {
  const { app } = await buildTestApp(t);
  const m = insertMeeting(app.db, { capacity: 1 });
  const [first, second] = ['a', 'b'].map((x) =>
    insertInvitee(app.db, m.meetingId, {
      name: x,
      email: `${x}@brk.dk`,
      organisationId: m.memberIds.Bornholm!,
    }),
  );
  const actor = inviteeActor('a@brk.dk', 'link');
  // asked again after a new time: an answer clears that
  prepared(app.db, 'UPDATE invitation SET needs_reconfirm = 1 WHERE id = ?').run(first!.invitationId);
  const changes: [number, ResponseChange][] = [
    [first!.invitationId, { response: 'accepted', comment: 'Jeg kommer', dietaryNeeds: 'Vegetar' }],
    [second!.invitationId, { response: 'accepted', accessibilityNeeds: 'Kørestol' }],
    [second!.invitationId, { response: 'accepted', comment: null }],
    [first!.invitationId, { response: 'tentative', accessibilityNeeds: null }],
    [first!.invitationId, { response: 'declined', comment: undefined, dietaryNeeds: null }],
    [second!.invitationId, { response: 'declined', at: '2026-12-01T10:00:00.000Z', comment: 'Syg' }],
  ];
  for (const [invitationId, change] of changes) {
    const returned = recordResponse(app.db, actor, invitationId, change);
    t.same(returned, answerState(app.db, invitationId), `${change.response} ${JSON.stringify(change)}`);
  }
  const known = readInvitee(app.db, first!.invitationId);
  t.same(
    recordResponse(app.db, actor, first!.invitationId, { response: 'accepted' }, { invitee: known }),
    answerState(app.db, first!.invitationId),
    'the same from an invitee the caller read',
  );
});
