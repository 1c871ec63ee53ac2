import t from 'tap';
import { chaseDateProposals } from '../../server/dates/chasing.ts';
import type { Meeting } from '../../server/planning/schemas.ts';
import { buildTestApp } from '../helpers/app.ts';
import { bornholmWithDateContacts, dateTokenIn, freeDate } from '../helpers/dates.ts';
import { insertPerson } from '../helpers/factories.ts';
import { calendarOf, mailsTo, outboxOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const DAY = 86_400_000;

t.test(
  'a planned date is proposed, countered, accepted, chased, confirmed and saved in calendars',
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Samråd <noreply@samraad.test>',
    });
    const { municipality } = bornholmWithDateContacts(app.db);

    const planned = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2027 },
    });
    t.equal(planned.statusCode, 201);
    const meetings = planned.json().meetings as Meeting[];
    const bornholm = meetings.find((m) => m.area.districtCode === '1471')!;
    // the municipality hosts this year
    const hosted = await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${bornholm.id}`,
      headers: as.facilitator,
      payload: { version: bornholm.version, hostOrganisationId: municipality.id },
    });
    t.equal(hosted.statusCode, 200);
    const plannedDate = hosted.json().localDate as string;

    const early = await app.inject({
      method: 'POST',
      url: `/api/meetings/${bornholm.id}/save-the-date`,
      headers: as.facilitator,
    });
    t.equal(early.statusCode, 409, 'no save-the-date before the date is agreed');
    t.match(early.headers['content-type'], /application\/problem\+json/);

    const sent = await app.inject({
      method: 'POST',
      url: '/api/date-agreements/proposals',
      headers: as.facilitator,
      payload: { year: 2027 },
    });
    t.equal(sent.statusCode, 200);
    const reports = sent.json().meetings as { meetingId: number; asked: number; withoutContact: boolean }[];
    t.equal(reports.length, meetings.length, 'every planned meeting of the year was taken');
    t.match(
      reports.find((r) => r.meetingId === bornholm.id),
      { asked: 2, withoutContact: false },
    );
    t.ok(
      reports.filter((r) => r.meetingId !== bornholm.id).every((r) => r.withoutContact),
      'districts without a fixed contact are reported, not written to',
    );
    const again = await app.inject({
      method: 'POST',
      url: '/api/date-agreements/proposals',
      headers: as.facilitator,
      payload: { year: 2027 },
    });
    t.notOk(
      again.json().meetings.some((r: { meetingId: number }) => r.meetingId === bornholm.id),
      'a second send does not propose Bornholm twice (only those still without contacts are tried again)',
    );

    await smtp.waitFor(2);
    const [toKarl] = mailsTo(smtp.received, 'karl@politi.test', /^Datoforslag/);
    const [toMette] = mailsTo(smtp.received, 'mette@kommune.test', /^Datoforslag/);
    t.ok(toKarl && toMette, 'the district and the host are each asked');
    t.match(toKarl!.parsed.text, /Bornholms Politi/, 'the contact is told whom they answer for');
    t.match(
      toKarl!.parsed.text,
      /Hvorfor denne dato: Bornholms Politi får [^\n]+\n/,
      'the reason, in one sentence, is in the proposal',
    );
    t.match(toKarl!.parsed.text, /Sted: Bornholm/, 'and the place');
    t.match(toKarl!.parsed.html, /Bekræft datoen/);
    const karlLink = dateTokenIn(toKarl!.parsed.text);
    await app.mailer.drain();
    t.notOk(
      outboxOf(app.db, 'date-proposal').some((m) => /dato_/.test(m.content.text)),
      'once delivered, no date-link secret is left in the database',
    );
    const metteLink = dateTokenIn(toMette!.parsed.text);

    const overview = async () =>
      (await app.inject({ url: '/api/date-agreements?year=2027', headers: as.viewer })).json() as {
        meetingId: number;
        status: string;
        asked: number;
        confirmed: number;
        chased: number;
      }[];
    t.match(
      (await overview()).find((r) => r.meetingId === bornholm.id),
      { status: 'proposed', asked: 2, confirmed: 0 },
    );

    const view = await app.inject({ url: `/api/date-links/${karlLink}` });
    t.equal(view.statusCode, 200, 'the link is the credential: no account needed');
    t.match(view.json(), {
      organisationName: 'Bornholms Politi',
      proposal: { localDate: plannedDate, state: 'open' },
      answer: 'pending',
    });
    t.equal((await app.inject({ url: `/api/date-links/${karlLink}x` })).statusCode, 404);

    const confirmed = await app.inject({ method: 'POST', url: `/api/date-links/${karlLink}/confirm` });
    t.equal(confirmed.statusCode, 200);
    t.match(
      confirmed.json(),
      { answer: 'confirmed', agreement: 'proposed' },
      'the host has not answered yet',
    );

    // July is a blackout month of the Danish meetings
    const forbidden = await app.inject({
      method: 'POST',
      url: `/api/date-links/${metteLink}/counter`,
      payload: { date: '2027-07-07', note: 'Sommerferie passer os' },
    });
    t.equal(forbidden.statusCode, 409);
    t.match(forbidden.headers['content-type'], /application\/problem\+json/);
    t.match(forbidden.json(), { fields: [{ field: 'body.date' }], violations: [{ rule: String }] });
    t.match(forbidden.json().detail, /planning rule/);
    const unchanged = (
      await app.inject({ url: `/api/meetings/${bornholm.id}/date-agreement`, headers: as.viewer })
    ).json();
    t.equal(unchanged.status, 'proposed', 'a refused date changes nothing');
    t.equal(unchanged.proposals.length, 1);
    t.equal(
      unchanged.proposals[0].contacts.find((c: { name: string }) => c.name === 'Mette Kommunekontakt').answer,
      'pending',
    );

    const bad = await app.inject({
      method: 'POST',
      url: `/api/date-links/${metteLink}/counter`,
      payload: { date: '7. juli' },
    });
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().fields[0].field, 'body.date');

    const otherDate = freeDate(meetings);
    const countered = await app.inject({
      method: 'POST',
      url: `/api/date-links/${metteLink}/counter`,
      payload: { date: otherDate, note: 'Byrådsmøde den dag' },
    });
    t.equal(countered.statusCode, 200, countered.body);
    t.match(countered.json(), {
      answer: 'countered',
      agreement: 'countered',
      counterProposal: { localDate: otherDate },
    });
    const history = (
      await app.inject({ url: `/api/meetings/${bornholm.id}/date-agreement`, headers: as.viewer })
    ).json();
    const counter = history.proposals[1];
    t.match(counter, {
      kind: 'counter',
      state: 'pending',
      localDate: otherDate,
      proposedBy: { name: 'Mette Kommunekontakt' },
      reason: 'Byrådsmøde den dag',
    });
    t.equal(
      (await app.inject({ url: `/api/meetings/${bornholm.id}`, headers: as.viewer })).json().localDate,
      plannedDate,
      'a counter-proposal waits for the facilitator: the meeting has not moved',
    );
    t.match(
      (await overview()).find((r) => r.meetingId === bornholm.id),
      { status: 'countered' },
    );

    const viewerAccepts = await app.inject({
      method: 'POST',
      url: `/api/meetings/${bornholm.id}/date-proposals/${counter.id}/accept`,
      headers: as.viewer,
    });
    t.equal(viewerAccepts.statusCode, 403);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/meetings/${bornholm.id}/date-proposals/${counter.id}/accept`,
      headers: as.facilitator,
    });
    t.equal(accepted.statusCode, 200, accepted.body);
    t.match(accepted.json(), { asked: 2 });
    t.equal(
      (await app.inject({ url: `/api/meetings/${bornholm.id}`, headers: as.viewer })).json().localDate,
      otherDate,
      'the meeting moved',
    );
    const twice = await app.inject({
      method: 'POST',
      url: `/api/meetings/${bornholm.id}/date-proposals/${counter.id}/accept`,
      headers: as.facilitator,
    });
    t.equal(twice.statusCode, 409, 'a decided counter-proposal is not decided again');

    const stale = await app.inject({ method: 'POST', url: `/api/date-links/${karlLink}/confirm` });
    t.equal(stale.statusCode, 409, 'the first proposal was replaced: its link no longer confirms');

    await smtp.waitFor(4);
    const [newToKarl] = mailsTo(smtp.received, 'karl@politi.test', /^Datoforslag/).slice(1);
    t.ok(newToKarl, 'the new date goes to the district');
    t.match(newToKarl!.parsed.text, /Mette Kommunekontakt: Byrådsmøde den dag/, "with the proposer's reason");
    const round = (
      await app.inject({ url: `/api/meetings/${bornholm.id}/date-agreement`, headers: as.viewer })
    ).json();
    t.same(
      round.proposals.map((p: { kind: string; state: string }) => `${p.kind}:${p.state}`),
      ['facilitator:superseded', 'counter:accepted', 'facilitator:open'],
      'the history keeps who proposed what',
    );
    t.same(
      round.proposals[2].contacts.map((c: { name: string; answer: string }) => `${c.name}:${c.answer}`),
      ['Karl Kontakt:pending', 'Mette Kommunekontakt:confirmed'],
      'the proposer has agreed to their own date',
    );

    // chasing: the set number of days (7 by default) after the proposal, once
    const sentAt = Date.parse(round.proposals[2].createdAt);
    t.match(
      chaseDateProposals(app.db, app.config, new Date(sentAt + 6 * DAY)),
      { queued: 0 },
      'not before 7 days',
    );
    t.match(
      chaseDateProposals(app.db, app.config, new Date(sentAt + 8 * DAY)),
      { queued: 1 },
      'only the one who has not answered',
    );
    t.match(
      chaseDateProposals(app.db, app.config, new Date(sentAt + 9 * DAY)),
      { queued: 0 },
      'and only once',
    );
    await smtp.waitFor(5);
    const [reminder] = mailsTo(smtp.received, 'karl@politi.test', /^Påmindelse: bekræft datoen/);
    t.ok(reminder, 'the reminder reached the district');
    t.match(
      (await overview()).find((r) => r.meetingId === bornholm.id),
      { chased: 1 },
    );
    t.equal(
      (await app.inject({ url: `/api/date-links/${dateTokenIn(newToKarl!.parsed.text)}` })).statusCode,
      200,
      'the first link keeps working',
    );
    const done = await app.inject({
      method: 'POST',
      url: `/api/date-links/${dateTokenIn(reminder!.parsed.text)}/confirm`,
    });
    t.equal(done.statusCode, 200);
    t.match(
      done.json(),
      { answer: 'confirmed', agreement: 'confirmed' },
      'both organisations agree: confirmed',
    );
    t.match(
      (await overview()).find((r) => r.meetingId === bornholm.id),
      { status: 'confirmed' },
    );
    t.same(
      (await app.inject({ url: '/api/date-agreements?year=2027&status=confirmed', headers: as.viewer }))
        .json()
        .map((r: { meetingId: number }) => r.meetingId),
      [bornholm.id],
    );

    // save the date, then the invitation: one calendar entry, updated
    const meeting = (
      await app.inject({ url: `/api/meetings/${bornholm.id}`, headers: as.viewer })
    ).json() as Meeting;
    const before = smtp.received.length;
    const std = await app.inject({
      method: 'POST',
      url: `/api/meetings/${bornholm.id}/save-the-date`,
      headers: as.facilitator,
    });
    t.equal(std.statusCode, 200, std.body);
    t.match(std.json(), { queued: 4, icsUid: meeting.icsUid, sequence: meeting.icsSequence });
    await smtp.waitFor(before + 4);
    const [saveTheDate] = mailsTo(smtp.received, 'pia@politi.test', /^Sæt kryds i kalenderen/);
    t.ok(saveTheDate, 'the audience gets the save-the-date');
    const stdCalendar = calendarOf(saveTheDate!.parsed);
    t.equal(stdCalendar.method, 'REQUEST');
    t.equal(stdCalendar.vevent.getFirstPropertyValue('uid'), meeting.icsUid);
    const stdSequence = Number(stdCalendar.vevent.getFirstPropertyValue('sequence'));

    const invited = await app.inject({
      method: 'POST',
      url: `/api/meetings/${bornholm.id}/invitations`,
      headers: as.facilitator,
    });
    t.equal(invited.statusCode, 200);
    await smtp.waitFor(before + 8);
    const [invitation] = mailsTo(smtp.received, 'pia@politi.test', /^Invitation/);
    t.ok(invitation, 'then the invitation');
    const invitationCalendar = calendarOf(invitation!.parsed);
    t.equal(
      invitationCalendar.vevent.getFirstPropertyValue('uid'),
      meeting.icsUid,
      'the same UID: one entry in the calendar',
    );
    t.ok(
      Number(invitationCalendar.vevent.getFirstPropertyValue('sequence')) > stdSequence,
      'a higher SEQUENCE: the invitation updates the save-the-date',
    );
    const late = await app.inject({
      method: 'POST',
      url: `/api/meetings/${bornholm.id}/save-the-date`,
      headers: as.facilitator,
    });
    t.equal(late.statusCode, 409, 'no save-the-date once invited');
  },
);

t.test(
  'a meeting moved after its date was agreed is asked again; one without contacts is a 422',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const planned = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2027 },
    });
    const m = (planned.json().meetings as Meeting[])[0]!;
    const none = await app.inject({
      method: 'POST',
      url: `/api/meetings/${m.id}/date-proposals`,
      headers: as.facilitator,
    });
    t.equal(none.statusCode, 422);
    t.match(none.json().detail, /fixed contact/);
    t.equal(
      (await app.inject({ url: `/api/meetings/${m.id}/date-agreement`, headers: as.viewer })).json().status,
      'unproposed',
    );
    const convener = (await app.inject({ url: `/api/areas/${m.areaId}`, headers: as.viewer })).json();
    insertPerson(app.db, {
      name: 'Kim Kontakt',
      email: 'kim@politi.test',
      organisationId: convener.convener?.id ?? convener.convenerId,
      isFixedContact: true,
    });
    const asked = await app.inject({
      method: 'POST',
      url: `/api/meetings/${m.id}/date-proposals`,
      headers: as.facilitator,
    });
    t.equal(asked.statusCode, 200, asked.body);
    t.match(asked.json(), { asked: 1 });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${m.id}`,
      headers: as.facilitator,
      payload: { version: m.version, date: freeDate(planned.json().meetings), force: true },
    });
    t.equal(moved.statusCode, 200);
    const after = (
      await app.inject({ url: `/api/meetings/${m.id}/date-agreement`, headers: as.viewer })
    ).json();
    t.equal(after.status, 'unproposed', 'the move makes the date a question again');
    t.equal(after.proposals[0].state, 'superseded');
  },
);

t.test("the venue's host contact is asked too, as the host's voice", async (t) => {
  const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
  const { police, municipality } = bornholmWithPeople(app.db);
  insertPerson(app.db, {
    name: 'Karl Kontakt',
    email: 'karl@politi.test',
    organisationId: police.id,
    isFixedContact: true,
  });
  const caretaker = insertPerson(app.db, {
    name: 'Vera Vært',
    email: 'vera@kommune.test',
    organisationId: municipality.id,
  });
  const planned = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2027 },
  });
  const bornholm = (planned.json().meetings as Meeting[]).find((m) => m.area.districtCode === '1471')!;
  const venue = await app.inject({
    method: 'POST',
    url: '/api/venues',
    headers: as.facilitator,
    payload: {
      name: 'Rønne Rådhus',
      street: 'Store Torv 1',
      postcode: '3700',
      town: 'Rønne',
      hostOrganisationId: municipality.id,
      hostContactId: caretaker,
    },
  });
  t.equal(venue.statusCode, 201, venue.body);
  const placed = await app.inject({
    method: 'PATCH',
    url: `/api/meetings/${bornholm.id}`,
    headers: as.facilitator,
    payload: { version: bornholm.version, venueId: venue.json().id },
  });
  t.equal(placed.statusCode, 200, placed.body);
  const asked = await app.inject({
    method: 'POST',
    url: `/api/meetings/${bornholm.id}/date-proposals`,
    headers: as.facilitator,
  });
  t.match(asked.json(), { asked: 2 });
  const round = (
    await app.inject({ url: `/api/meetings/${bornholm.id}/date-agreement`, headers: as.viewer })
  ).json();
  t.same(
    round.proposals[0].contacts.map(
      (c: { name: string; organisationName: string }) => `${c.name}, ${c.organisationName}`,
    ),
    ['Karl Kontakt, Bornholms Politi', 'Vera Vært, Bornholm'],
    "the district's fixed contact and the venue's host contact",
  );
});
