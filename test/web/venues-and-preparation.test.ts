import t from 'tap';
import { findAccountByEmail, setPassword } from '../../server/accounts/accounts.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting, insertPerson } from '../helpers/factories.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const PASSWORD = 'en-lang-nok-adgangskode';
type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

/** A facilitator signed in on the pages: GET and form POSTs with the session's token. */
async function signIn(app: App) {
  await setPassword(app.db, findAccountByEmail(app.db, 'facilitator@test.example')!.id, PASSWORD);
  const form = await app.inject({ url: '/login' });
  const nonce = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const login = await app.inject({
    method: 'POST',
    url: '/login',
    cookies: { samraad_login: nonce },
    payload: { _csrf: nonce, email: 'facilitator@test.example', password: PASSWORD, next: '/' },
  });
  const cookies = { samraad_session: login.cookies.find((c) => c.name === 'samraad_session')!.value };
  const csrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/steder', cookies })).body)![1]!;
  return {
    cookies,
    get: (url: string) => app.inject({ url, cookies }),
    post: (url: string, payload: Record<string, string>) =>
      app.inject({ method: 'POST', url, cookies, payload: { _csrf: csrf, ...payload } }),
  };
}

t.test(
  'the venue register page: a venue without an address is refused in Danish, a full one is listed',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const { municipality } = bornholmWithPeople(app.db);
    const page = await signIn(app);
    const empty = await page.get('/steder');
    t.equal(empty.statusCode, 200);
    t.match(empty.body, /Der er ingen steder i registret endnu/);
    const refused = await page.post('/steder', {
      name: 'Rådhuset',
      postcode: '3700',
      town: 'Rønne',
      street: '',
    });
    t.equal(refused.statusCode, 400);
    t.match(refused.body, /et sted uden adresse kan ikke oprettes/, 'the missing street is said in Danish');
    t.match(refused.body, /value="Rådhuset"/, 'what was typed stays');
    t.equal(
      (await app.inject({ url: '/api/venues', headers: as.viewer })).json().total,
      0,
      'nothing was saved',
    );
    const unknownContact = await page.post('/steder', {
      name: 'Rådhuset',
      street: 'Ullasvej 23',
      postcode: '3700',
      town: 'Rønne',
      hostContactEmail: 'nobody@nowhere.test',
    });
    t.equal(unknownContact.statusCode, 400);
    t.match(unknownContact.body, /Der findes ingen person med den e-mail i registret/);
    const created = await page.post('/steder', {
      name: 'Rådhuset',
      street: 'Ullasvej 23',
      postcode: '3700',
      town: 'Rønne',
      room: 'Mødelokale 2',
      seats: '40',
      hostOrganisationId: String(municipality.id),
      hostContactEmail: 'birgit@kommune.test',
    });
    t.equal(created.statusCode, 303, created.body);
    const listed = await page.get('/steder?besked=oprettet');
    t.match(listed.body, /Rådhuset, Mødelokale 2, Ullasvej 23, 3700 Rønne/);
    t.match(listed.body, /Birgit Børne-ungechef/);
  },
);

t.test(
  'the meeting page prepares a meeting: facilitator, venue, host confirmed, deadline, audience, needs',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const { municipality, people } = bornholmWithPeople(app.db);
    const venue = (
      await app.inject({
        method: 'POST',
        url: '/api/venues',
        headers: as.facilitator,
        payload: {
          name: 'Rådhuset',
          street: 'Ullasvej 23',
          postcode: '3700',
          town: 'Rønne',
          hostOrganisationId: municipality.id,
        },
      })
    ).json();
    const meeting = insertMeeting(app.db, { status: 'planned', venueName: null, venueAddress: null });
    const page = await signIn(app);
    const read = async () =>
      (await app.inject({ url: `/api/meetings/${meeting.meetingId}`, headers: as.viewer })).json();
    const shown = await page.get(`/moeder/${meeting.meetingId}`);
    t.match(shown.body, /id="forberedelse"/, 'the page has a preparation section');

    let m = await read();
    const broken = await page.post(`/moeder/${m.id}/facilitator`, {
      version: String(m.version),
      facilitatorId: String(people.facilitator),
    });
    t.equal(broken.statusCode, 409, 'the meeting breaks the hours rule: refused until forced');
    t.match(broken.body, /ligger uden for tidsrummet/, 'the broken rule is said in Danish');
    t.equal((await read()).facilitator, null, 'nothing changed');
    const forced = await page.post(`/moeder/${m.id}/facilitator`, {
      version: String(m.version),
      facilitatorId: String(people.facilitator),
      force: 'ja',
    });
    t.equal(forced.statusCode, 303);
    m = await read();
    t.equal(m.facilitator?.id, people.facilitator, 'the facilitator is assigned');

    t.equal(
      (await page.post(`/moeder/${m.id}/sted`, { version: String(m.version), venueId: String(venue.id) }))
        .statusCode,
      303,
    );
    m = await read();
    t.match(m, { venueId: venue.id, venueAddress: 'Ullasvej 23, 3700 Rønne', host: { id: municipality.id } });

    const stale = await page.post(`/moeder/${m.id}/vaert`, {
      version: '1',
      confirmed: 'ja',
      note: 'Birgit, telefonisk',
    });
    t.equal(stale.statusCode, 409, 'a stale form is refused');
    t.match(stale.body, /Ændringen blev ikke gemt/);
    t.equal(
      (
        await page.post(`/moeder/${m.id}/vaert`, {
          version: String(m.version),
          confirmed: 'ja',
          note: 'Birgit, telefonisk',
        })
      ).statusCode,
      303,
    );
    m = await read();
    t.equal(m.hostConfirmedBy, 'Birgit, telefonisk', 'the host confirmation is recorded');

    const late = await page.post(`/moeder/${m.id}/svarfrist`, {
      version: String(m.version),
      replyBy: '2027-03-10',
    });
    t.equal(late.statusCode, 400, 'a deadline after the meeting is refused');
    t.equal((await read()).version, m.version, 'and nothing changed');
    t.equal(
      (await page.post(`/moeder/${m.id}/svarfrist`, { version: String(m.version), replyBy: '2027-02-20' }))
        .statusCode,
      303,
    );
    t.equal((await read()).replyBy, '2027-02-20');

    const unknown = await page.post(`/moeder/${m.id}/deltagere`, { email: 'ingen@nowhere.test' });
    t.equal(unknown.statusCode, 400);
    t.match(unknown.body, /Der findes ingen person med den e-mail i registret/);
    t.equal(
      (await page.post(`/moeder/${m.id}/deltagere`, { email: 'frida@facilitator.test' })).statusCode,
      303,
    );
    const audience = async () =>
      (await app.inject({ url: `/api/meetings/${m.id}/audience`, headers: as.viewer }))
        .json()
        .people.map((p: { personId: number }) => p.personId);
    t.ok((await audience()).includes(people.facilitator), 'one person added by hand');
    t.equal((await page.post(`/moeder/${m.id}/deltagere/${people.facilitator}/fjern`, {})).statusCode, 303);
    t.notOk((await audience()).includes(people.facilitator), 'and taken off again');

    const invitee = insertInvitee(app.db, m.id, {
      name: 'Ole Sen',
      email: 'ole@brk.test',
      organisationId: municipality.id,
    });
    const answered = await app.inject({
      method: 'POST',
      url: `/rsvp/${invitee.token}`,
      payload: 'answer=accepted&dietaryNeeds=Glutenfri&accessibilityNeeds=Teleslynge',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    t.equal(answered.statusCode, 200);
    const after = await page.get(`/moeder/${m.id}`);
    const needs = /<table[^>]*id="needs"[\s\S]*?<\/table>/.exec(after.body)?.[0] ?? '';
    t.match(needs, /Ole Sen/, 'the facilitator sees who told needs');
    t.match(needs, /Glutenfri/);
    t.match(needs, /Teleslynge/);
  },
);

t.test('the plan form assigns the facilitators the meetings are shared among', async (t) => {
  const { app } = await buildTestApp(t);
  const { municipality } = bornholmWithPeople(app.db);
  const other = insertPerson(app.db, {
    name: 'Gorm Facilitator',
    email: 'gorm@facilitator.test',
    organisationId: municipality.id,
    roles: ['facilitator'],
  });
  const page = await signIn(app);
  const form = await page.get('/planlaeg');
  t.match(form.body, /Facilitatorer, som møderne fordeles på/);
  t.match(
    form.body,
    new RegExp(`name="facilitatorIds" value="${other}"[^>]*checked`),
    'every facilitator ticked at first',
  );
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const preview = await app.inject({
    method: 'POST',
    url: '/planlaeg',
    cookies: page.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([
      ['_csrf', csrf],
      ['year', '2028'],
      ['weekdays', '2'],
      ['weekdays', '3'],
      ['weekdays', '4'],
      ['startTime', '09:30'],
      ['endTime', '13:00'],
      ['meetingsPerArea', '1'],
      ['blackoutWeeks', '7, 42'],
      ['facilitatorIds', String(other)],
    ]).toString(),
  });
  t.equal(preview.statusCode, 200, preview.body.slice(0, 300));
  const table = /<table[\s\S]*?<\/table>/.exec(preview.body)?.[0] ?? '';
  t.match(table, /Gorm Facilitator/, 'the ticked facilitator gets the meetings');
  t.notMatch(table, /Frida Facilitator/, 'the unticked one none');
});
