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
    created: { areas: 3, people: 38, roles: 4, organisations: 24 },
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
