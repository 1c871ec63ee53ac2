import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ParsedMail } from 'mailparser';
import t from 'tap';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { startSmtp } from '../helpers/mail.ts';
import { grantTestAccounts } from '../helpers/scenarios.ts';

/**
 * Each example file (examples/, after the Norwegian seed cases) loads and then works by API only:
 * a cycle planned on Norwegian working days, invitations in bokmål to the programme's audience, an
 * answer through the answer link, and an outcome in the programme's own taxonomy.
 */

const exampleFile = (name: string) => JSON.parse(readFileSync(`examples/${name}`, 'utf8'));

/** Norwegian public holidays of 2028 (Easter Sunday 16 April), written out rather than computed. */
const norwegianHolidays2028 = [
  '2028-01-01',
  '2028-04-13',
  '2028-04-14',
  '2028-04-16',
  '2028-04-17',
  '2028-05-01',
  '2028-05-17',
  '2028-05-25',
  '2028-06-04',
  '2028-06-05',
  '2028-12-25',
  '2028-12-26',
];

interface PlannedMeeting {
  id: number;
  title: string;
  area: { id: number; name: string };
  localDate: string;
  localStartTime: string;
  explanation: string | null;
}

async function load(app: FastifyInstance, as: TestApp['as'], name: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/programmes/load',
    headers: as.admin,
    payload: exampleFile(name),
  });
  if (res.statusCode !== 201) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
  await grantTestAccounts(app, as, [res.json().programme.key]);
  return res.json();
}

async function plan(app: FastifyInstance, as: TestApp['as'], programme: string, settings: object = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2028, programme, settings },
  });
  if (res.statusCode !== 201) throw new Error(`plan: ${res.statusCode} ${res.body}`);
  return res.json().meetings as PlannedMeeting[];
}

async function invite(app: FastifyInstance, as: TestApp['as'], meetingId: number) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/meetings/${meetingId}/invitations`,
    headers: as.facilitator,
  });
  if (res.statusCode !== 200) throw new Error(`invite: ${res.statusCode} ${res.body}`);
  return res.json() as { invited: number; queued: number };
}

/** Accepts through the link in the mail, as the invitee would; returns the answer page's words. */
async function acceptFromMail(app: FastifyInstance, mail: ParsedMail): Promise<string> {
  const token = /\/rsvp\/(rsvp_[^?\s]+)\?answer=accepted/.exec(mail.text ?? '')![1]!;
  const answered = await app.inject({
    method: 'POST',
    url: `/rsvp/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'answer=accepted',
  });
  return answered.body;
}

t.test('seed 000: Oslo police units and the liaison officers covering their boroughs', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samråd <noreply@samraad.test>',
  });
  const report = await load(app, as, 'no-oslo-barnevern-politi.json');
  t.match(report, {
    programme: { key: 'no-oslo-barnevern-politi' },
    created: { areas: 3, people: 38, roles: 4, organisations: 24, themes: 4 },
    reused: { sectors: 2, organisationKinds: 2 },
  });
  const programme = (
    await app.inject({ url: '/api/programmes/no-oslo-barnevern-politi', headers: as.viewer })
  ).json();
  t.match(programme, { language: 'nb', holidayCountry: 'NO', timeZone: 'Europe/Oslo' });
  const frogner = (await app.inject({ url: '/api/organisations?q=Frogner', headers: as.viewer })).json()
    .items[0];
  const areas = (
    await app.inject({ url: '/api/areas?kind=oslo_police_unit_area', headers: as.viewer })
  ).json() as { name: string; members: { organisationId: number }[] }[];
  t.same(
    areas
      .filter((a) => a.members.some((m) => m.organisationId === frogner.id))
      .map((a) => a.name)
      .sort(),
    ['Enhet Sentrum', 'Enhet Vest (Majorstuen)'],
    'Frogner is served by two units, as the text says',
  );

  // the week of 17 May: Tuesday to Thursday, with Constitution Day on the Wednesday
  const meetings = await plan(app, as, 'no-oslo-barnevern-politi', {
    periodStart: '2028-05-15',
    periodEnd: '2028-05-19',
  });
  t.equal(meetings.length, 3, 'one meeting per police unit');
  for (const m of meetings) {
    t.notOk(norwegianHolidays2028.includes(m.localDate), `${m.area.name} on ${m.localDate}: a working day`);
    t.equal(m.localStartTime, '09:00', "the programme's start time");
  }
  const byArea = new Map(meetings.map((m) => [m.area.name, m]));
  const east = byArea.get('Enhet Øst (Stovner og Manglerud)')!;
  const west = byArea.get('Enhet Vest (Majorstuen)')!;
  t.match(east.title, /^Kurs i samarbeid mellom barnevern og politi i Oslo 2028 – Enhet Øst/);
  t.match(east.explanation, /Møtene holdes tirsdag, onsdag og torsdag kl\. 09:00–12:30\./, 'why, in bokmål');
  t.notMatch(east.explanation, /Møderne|sidste års|spredes/, 'nothing Danish in the explanation');
  const agenda = (
    await app.inject({ url: `/api/meetings/${east.id}/agenda`, headers: as.viewer })
  ).json() as {
    title: string;
  }[];
  t.same(
    agenda.map((i) => i.title),
    [
      'Politibistand i barnevernssaker',
      'Sikkerhetstaktikk ved hjemmebesøk',
      'Barnevernets autoritet og myndighet når politiet bistår',
    ],
    "the draft agenda takes the programme's own themes, not the Danish ones",
  );
  const danishPlan = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2028 },
  });
  const danishMeeting = danishPlan.json().meetings[0];
  const danishAgenda = (
    await app.inject({ url: `/api/meetings/${danishMeeting.id}/agenda`, headers: as.viewer })
  ).json() as { title: string }[];
  t.ok(danishAgenda.length > 0, 'a Danish meeting has its draft agenda');
  t.notOk(
    danishAgenda.some((i) => /Politibistand|Sikkerhetstaktikk/.test(i.title)),
    'and no Norwegian theme on it',
  );

  const eastSent = await invite(app, as, east.id);
  const westSent = await invite(app, as, west.id);
  // Øst: 7 boroughs × (leader + case worker), its unit leader, the officers at Stovner and Manglerud
  t.equal(eastSent.invited, 7 * 2 + 1 + 2);
  // Vest: 5 boroughs × 2, its unit leader, Majorstuen's officer and Sentrum's officer for Frogner/St. Hanshaugen
  t.equal(westSent.invited, 5 * 2 + 1 + 2);
  await smtp.waitFor(eastSent.invited + westSent.invited);
  const to = (subject: RegExp) =>
    smtp.received.filter((r) => subject.test(r.parsed.subject ?? '')).map((r) => r.envelopeTo[0]);
  const eastTo = to(/Enhet Øst/);
  const westTo = to(/Enhet Vest/);
  t.ok(eastTo.includes('tone.vik.sandberg@politiet.example'), 'Stovner’s officer: Øst');
  t.ok(eastTo.includes('samira.haddad.lunde@politiet.example'), 'Manglerud’s officer: Øst');
  t.notOk(eastTo.includes('marte.tangen@politiet.example'), 'Majorstuen’s officer covers no Øst borough');
  t.notOk(eastTo.includes('kari.ommundsen@politiet.example'), 'nor does the Sentrum officer for Frogner');
  t.ok(westTo.includes('marte.tangen@politiet.example'));
  t.ok(westTo.includes('kari.ommundsen@politiet.example'), 'she covers Frogner and St. Hanshaugen');
  t.notOk(
    westTo.includes('mona.holm.berntsen@politiet.example'),
    'Sagene, Grünerløkka, Gamle Oslo are not Vest',
  );
  t.notOk(westTo.includes('tone.vik.sandberg@politiet.example'));

  const tone = smtp.received.find((r) => r.envelopeTo[0] === 'tone.vik.sandberg@politiet.example')!.parsed;
  t.match(tone.subject, /^Innkalling: /);
  t.match(tone.text, /Hei Tone Vik Sandberg/);
  t.match(tone.text, /mai 2028 kl\. 09:00–12:30/, 'the date in bokmål, Oslo time');
  t.notMatch(tone.text, /Venlig hilsen|marts|Mødet/, 'nothing Danish');

  const page = await acceptFromMail(app, tone);
  t.match(page, /Takk, svaret ditt er lagret\. Svaret ditt: Deltar\./);
  const responses = (
    await app.inject({ url: `/api/meetings/${east.id}/responses`, headers: as.viewer })
  ).json();
  t.equal(
    responses.invitees.find((i: { person: { name: string } }) => i.person.name === 'Tone Vik Sandberg')
      .response,
    'accepted',
  );

  const barrier = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: as.facilitator,
    payload: {
      areaId: east.area.id,
      category: 'nar-politiet',
      description: 'Uklart når barnevernet skal be om politibistand ved hjemmebesøk',
      raisedAtMeetingId: east.id,
      raisedOn: '2028-05-16',
    },
  });
  t.equal(barrier.statusCode, 201, barrier.body);
  t.match(barrier.json(), { category: 'nar-politiet', areaId: east.area.id });
  const danish = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: as.facilitator,
    payload: { areaId: east.area.id, category: 'talks_with_child', description: 'x' },
  });
  t.equal(danish.statusCode, 400, 'the Danish categories are not this programme’s');
});

t.test('a programme file is loaded once, whole or not at all, and bad fields are named', async (t) => {
  const { app, as } = await buildTestApp(t);
  const file = exampleFile('no-oslo-barnevern-politi.json');
  const post = (payload: object, headers = as.admin) =>
    app.inject({ method: 'POST', url: '/api/programmes/load', headers, payload });
  t.equal((await post(file, as.facilitator)).statusCode, 403, 'admins only');

  const badRole = structuredClone(file);
  badRole.people[20].roles = ['no-such-role'];
  const refused = await post(badRole);
  t.equal(refused.statusCode, 400);
  t.match(refused.headers['content-type'], /application\/problem\+json/);
  t.match(refused.json().fields, [{ field: 'body.people.20.roles', message: /no-such-role/ }]);
  const count = (table: string) =>
    (app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  t.equal(
    count("organisation WHERE name LIKE 'Bydel %'"),
    0,
    'nothing of the file was saved: the boroughs created before the bad person are gone',
  );
  t.equal(count("role WHERE key = 'fagkonsulent-barnevern'"), 0);

  const badRef = structuredClone(file);
  badRef.people[0].covers = ['bydel-atlantis'];
  t.match((await post(badRef)).json().fields, [
    { field: 'body.people.0.covers.0', message: 'no organisation with ref bydel-atlantis in the file' },
  ]);

  t.equal((await post(file)).statusCode, 201);
  const again = await post(file);
  t.equal(again.statusCode, 409, 'loading the same file again is refused');
  t.match(again.json().detail, /already loaded; nothing was changed/);
  t.equal(count("organisation WHERE name LIKE 'Bydel %'"), 15, 'and changes nothing');
});

/** Sends a meeting's invitations and waits for them; the recipients' addresses and their mails. */
async function inviteAndRead(
  app: FastifyInstance,
  as: TestApp['as'],
  smtp: Awaited<ReturnType<typeof startSmtp>>,
  meetingId: number,
) {
  const before = smtp.received.length;
  const sent = await invite(app, as, meetingId);
  await smtp.waitFor(before + sent.invited);
  const mails = smtp.received.slice(before);
  return { invited: sent.invited, to: mails.map((m) => m.envelopeTo[0]!), mails };
}

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

t.test('seed 001: a family counselling office meets the child welfare services of its area', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samråd <noreply@samraad.test>',
  });
  const file = exampleFile('no-familievern-barnevern.json');
  await load(app, as, 'no-familievern-barnevern.json');
  const meetings = await plan(app, as, 'no-familievern-barnevern');
  t.equal(meetings.length, 2, 'one meeting per office area');
  for (const m of meetings) {
    t.notOk(norwegianHolidays2028.includes(m.localDate), `${m.localDate} is a Norwegian working day`);
    t.ok([2, 3, 4].includes(weekday(m.localDate)), 'Tuesday to Thursday');
  }
  const drammen = meetings.find((m) => m.area.name.includes('Drammen'))!;
  t.equal(drammen.title, 'Samarbeidsmøte 2028 – Rekrutteringsområdet til Familievernkontoret i Drammen');

  const { invited, to, mails } = await inviteAndRead(app, as, smtp, drammen.id);
  // the office (leader, two therapists), 5 services × (leader, contact person), the region's resource team, the user organisation
  t.equal(invited, 3 + 5 * 2 + 1 + 1);
  const emailOf = (title: RegExp) =>
    file.people.filter((p: { title: string }) => title.test(p.title)).map((p: { email: string }) => p.email);
  const contacts = emailOf(/^Kontaktperson for familievernet$/);
  t.equal(
    contacts.filter((e: string) => to.includes(e)).length,
    5,
    "the contact persons of the office's 5 services",
  );
  t.ok(
    contacts
      .filter((e: string) => e.includes('tromso') || e.includes('lyngen'))
      .every((e: string) => !to.includes(e)),
    "Tromsø's area is not invited to Drammen's meeting",
  );
  t.ok(
    to.some((e) => e.endsWith('@barnevernsbarn.example')),
    'the user organisation is invited',
  );
  t.ok(
    to.some((e) => e.endsWith('@ressursmiljo-sor.bufetat.example')),
    "the region's resource team is invited",
  );
  t.notOk(
    to.some((e) => e.endsWith('@ressursmiljo-nord.bufetat.example')),
    'the other region’s is not',
  );

  const lier = mails.find(
    (m) => m.envelopeTo[0]!.endsWith('@lier.kommune.example') && contacts.includes(m.envelopeTo[0]),
  )!;
  t.match(lier.parsed.subject, /^Innkalling: Samarbeidsmøte 2028/);
  t.match(lier.parsed.text, /Vennlig hilsen/);
  t.match(await acceptFromMail(app, lier.parsed), /Svaret ditt: Deltar\./);

  const agreement = await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: {
      areaId: drammen.area.id,
      type: 'fast-kontaktperson',
      title: 'Hver barneverntjeneste har en fast kontaktperson for familievernet',
      status: 'agreed',
      agreedOn: drammen.localDate,
      agreedAtMeetingId: drammen.id,
    },
  });
  t.equal(agreement.statusCode, 201, agreement.body);
  t.match(agreement.json(), { type: 'fast-kontaktperson', areaId: drammen.area.id });
});

t.test("seed 003: the minister's dialogue meetings, one per region, in spring", async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samråd <noreply@samraad.test>',
  });
  const file = exampleFile('no-barnevernsdialog.json');
  await load(app, as, 'no-barnevernsdialog.json');
  const meetings = await plan(app, as, 'no-barnevernsdialog');
  t.equal(meetings.length, 5, 'one meeting per child welfare region');
  for (const m of meetings) {
    t.ok(
      m.localDate >= '2028-01-07' && m.localDate <= '2028-06-14',
      `${m.area.name}: ${m.localDate} is in spring`,
    );
    t.notOk(norwegianHolidays2028.includes(m.localDate), 'not a Norwegian public holiday');
    t.ok(weekday(m.localDate) >= 1 && weekday(m.localDate) <= 5, 'a weekday');
  }
  const north = meetings.find((m) => m.area.name === 'Barnevernsregion Nord')!;
  t.equal(north.title, 'Dialogmøte 2028 – Barnevernsregion Nord');

  const { invited, to, mails } = await inviteAndRead(app, as, smtp, north.id);
  // the ministry (minister, adviser); 7 municipalities × (mayor, director, head of service); 4 with their mayor only;
  // the inter-municipal Sør-Helgeland service (its leader covers all five of its municipalities)
  t.equal(invited, 2 + 7 * 3 + 4 + 2);
  const emailWithTitle = (title: string) =>
    file.people.find((p: { title: string }) => p.title === title).email;
  t.ok(to.includes(emailWithTitle('Barnevernleder, Sør-Helgeland barnevernstjeneste')));
  t.ok(to.includes(emailWithTitle('Ordfører i Sømna')));
  t.notOk(to.includes(emailWithTitle('Ordfører i Trondheim')), 'Midt-Norge meets on its own day');
  const mayor = mails.find((m) => m.envelopeTo[0] === emailWithTitle('Ordfører i Sømna'))!.parsed;
  t.match(mayor.subject, /^Innkalling: Dialogmøte 2028 – Barnevernsregion Nord/);
  t.match(mayor.text, / 2028 kl\. 10:00–15:00/);
  t.notMatch(mayor.text, /Venlig hilsen|Mødet/);
  t.match(await acceptFromMail(app, mayor), /Svaret ditt: Deltar\./);

  const barrier = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: as.facilitator,
    payload: {
      areaId: north.area.id,
      category: 'reisevei',
      description: 'Lang reisevei og få ansatte gjør barneverntjenestene sårbare',
      raisedAtMeetingId: north.id,
    },
  });
  t.equal(barrier.statusCode, 201, barrier.body);
  t.match(barrier.json(), { category: 'reisevei', areaName: 'Barnevernsregion Nord' });
});

t.test('seed 004: five gatherings a year for the staff of each selected municipality', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samråd <noreply@samraad.test>',
  });
  const file = exampleFile('no-tjenestestotte.json');
  await load(app, as, 'no-tjenestestotte.json');
  const meetings = await plan(app, as, 'no-tjenestestotte');
  t.equal(meetings.length, 4 * 5, 'five gatherings for each of the four municipalities');
  for (const m of meetings) {
    t.notOk(norwegianHolidays2028.includes(m.localDate), `${m.localDate}: not a Norwegian public holiday`);
    t.notOk(m.localDate.startsWith('2028-07-'), 'not in the July holiday');
  }
  const austevoll = meetings
    .filter((m) => m.area.name === 'Austevoll barnevern')
    .sort((a, b) => a.localDate.localeCompare(b.localDate));
  t.same(
    austevoll.map((m) => m.title),
    [1, 2, 3, 4, 5].map((n) => `Tjenestestøtteprogrammet 2028 – Austevoll barnevern (${n}/5)`),
  );

  const { invited, to, mails } = await inviteAndRead(app, as, smtp, austevoll[0]!.id);
  t.equal(invited, 6 + 5, "the six process leaders and Austevoll's five staff");
  t.ok(
    to.every((e) => e.endsWith('@norce.example') || e.endsWith('@austevoll.kommune.example')),
    'nobody else',
  );
  t.notOk(
    to.includes(file.people.find((p: { title: string }) => p.title === 'Seniorrådgiver, barnevern').email),
    'the county governor supports the programme but is not in the audience',
  );
  const leader = mails.find((m) => m.envelopeTo[0]!.endsWith('@austevoll.kommune.example'))!.parsed;
  t.match(leader.subject, /^Innkalling: Tjenestestøtteprogrammet 2028 – Austevoll barnevern \(1\/5\)/);
  t.match(await acceptFromMail(app, leader), /Svaret ditt: Deltar\./);

  const barrier = await app.inject({
    method: 'POST',
    url: '/api/barriers',
    headers: as.facilitator,
    payload: {
      areaId: austevoll[0]!.area.id,
      category: 'fa-meldinger',
      description: 'Tjenesten får for få bekymringsmeldinger og må bli mer synlig',
      raisedAtMeetingId: austevoll[0]!.id,
    },
  });
  t.equal(barrier.statusCode, 201, barrier.body);
});
