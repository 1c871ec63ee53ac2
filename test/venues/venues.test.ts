import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const venueBody = (hostOrganisationId: number, hostContactId: number) => ({
  name: 'Bornholms Regionskommune, Rådhuset',
  street: 'Ullasvej 23',
  postcode: '3700',
  town: 'Rønne',
  room: 'Mødelokale 2',
  directions: 'Parkering bag rådhuset; bus 1 til Snellemark',
  accessibility: 'Niveaufri adgang og elevator',
  seats: 40,
  hostOrganisationId,
  hostContactId,
});
const FULL = 'Bornholms Regionskommune, Rådhuset, Mødelokale 2, Ullasvej 23, 3700 Rønne';

t.test('the venue register refuses a venue without an address and changes nothing', async (t) => {
  const { app, as } = await buildTestApp(t);
  const { municipality, people } = bornholmWithPeople(app.db);
  const { street: _street, ...noStreet } = venueBody(municipality.id, people.head);
  const refused = await app.inject({
    method: 'POST',
    url: '/api/venues',
    headers: as.facilitator,
    payload: noStreet,
  });
  t.equal(refused.statusCode, 400);
  t.match(refused.headers['content-type'], /application\/problem\+json/);
  t.match(refused.json().fields, [{ field: 'body.street' }], 'the missing street is named');
  const blankTown = await app.inject({
    method: 'POST',
    url: '/api/venues',
    headers: as.facilitator,
    payload: { ...venueBody(municipality.id, people.head), town: '   ' },
  });
  t.equal(blankTown.statusCode, 400);
  t.match(blankTown.json().fields, [{ field: 'body.town' }], 'a blank town is no town');
  const unknownContact = await app.inject({
    method: 'POST',
    url: '/api/venues',
    headers: as.facilitator,
    payload: venueBody(municipality.id, 999_999),
  });
  t.equal(unknownContact.statusCode, 400);
  t.match(unknownContact.json().fields, [{ field: 'body.hostContactId', message: 'unknown person' }]);
  const viewer = await app.inject({
    method: 'POST',
    url: '/api/venues',
    headers: as.viewer,
    payload: venueBody(municipality.id, people.head),
  });
  t.equal(viewer.statusCode, 403, 'a viewer may not add venues');
  const list = await app.inject({ url: '/api/venues', headers: as.viewer });
  t.equal(list.json().total, 0, 'nothing was saved');
});

t.test(
  'a venue in the register: created, listed, edited, deleted, and in the OpenAPI document',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const { municipality, people } = bornholmWithPeople(app.db);
    const created = await app.inject({
      method: 'POST',
      url: '/api/venues',
      headers: as.facilitator,
      payload: venueBody(municipality.id, people.head),
    });
    t.equal(created.statusCode, 201, created.body);
    const venue = created.json();
    t.match(venue, {
      fullAddress: FULL,
      seats: 40,
      hostOrganisation: { id: municipality.id },
      hostContact: { id: people.head, email: 'birgit@kommune.test' },
    });
    const found = await app.inject({ url: '/api/venues?q=Ullasvej', headers: as.viewer });
    t.same(
      found.json().items.map((v: { id: number }) => v.id),
      [venue.id],
    );
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/venues/${venue.id}`,
      headers: as.facilitator,
      payload: { version: 99, room: 'Byrådssalen' },
    });
    t.equal(stale.statusCode, 409, 'a stale version is refused');
    const blanked = await app.inject({
      method: 'PATCH',
      url: `/api/venues/${venue.id}`,
      headers: as.facilitator,
      payload: { version: 1, street: '' },
    });
    t.equal(blanked.statusCode, 400);
    t.match(blanked.json().fields, [{ field: 'body.street' }]);
    t.equal(
      (await app.inject({ url: `/api/venues/${venue.id}`, headers: as.viewer })).json().street,
      'Ullasvej 23',
    );
    const doc = (await app.inject({ url: '/docs/json' })).json();
    t.ok(doc.paths['/api/venues']?.post, 'POST /api/venues is documented');
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/venues/${venue.id}`,
      headers: as.facilitator,
    });
    t.equal(deleted.statusCode, 204);
    t.equal((await app.inject({ url: `/api/venues/${venue.id}`, headers: as.viewer })).statusCode, 404);
  },
);

t.test('hosts: willing before not asked, never unwilling; the venue copied into the plan', async (t) => {
  const { app, as } = await buildTestApp(t);
  const { police, municipality, people } = bornholmWithPeople(app.db);
  const area = (await app.inject({ url: '/api/areas?kind=police_district', headers: as.viewer }))
    .json()
    .find((a: { convenerId: number }) => a.convenerId === police.id);
  t.same(
    area.members
      .filter((m: { memberRole: string }) => m.memberRole !== 'support')
      .map((m: { hostWillingness: string }) => m.hostWillingness),
    ['not_asked', 'not_asked'],
    'nobody is assumed willing',
  );
  const venue = (
    await app.inject({
      method: 'POST',
      url: '/api/venues',
      headers: as.facilitator,
      payload: venueBody(municipality.id, people.head),
    })
  ).json();
  const plan = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2028, settings: { areaIds: [area.id] }, dryRun: true },
    });
    t.equal(res.statusCode, 200, res.body);
    return res.json().meetings[0];
  };
  const first = await plan();
  t.equal(first.host.id, police.id, 'nobody asked: the convener comes first in the rotation');
  t.match(first.explanation, /ikke spurgt/, 'the explanation says the host has not been asked');

  const setWillingness = async (organisationId: number, hostWillingness: string) => {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/areas/${area.id}/members/${organisationId}`,
      headers: as.facilitator,
      payload: { memberRole: organisationId === police.id ? 'convener' : 'member', hostWillingness },
    });
    t.equal(res.statusCode, 200, res.body);
  };
  await setWillingness(municipality.id, 'willing');
  const willing = await plan();
  t.equal(willing.host.id, municipality.id, 'a willing host before one not asked');
  t.equal(willing.venueId, venue.id, "the host's venue is the meeting's");
  t.equal(`${willing.venueName}, ${willing.venueAddress}`, FULL, 'with its full address');
  t.notMatch(willing.explanation, /ikke spurgt/);

  await setWillingness(municipality.id, 'not_willing');
  await setWillingness(police.id, 'not_willing');
  const nobody = await plan();
  t.equal(nobody.host, null, 'an unwilling member is never chosen');
  t.match(nobody.explanation, /Ingen vært/);

  const bad = await app.inject({
    method: 'PUT',
    url: `/api/areas/${area.id}/members/${municipality.id}`,
    headers: as.facilitator,
    payload: { hostWillingness: 'maybe' },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().fields, [{ field: 'body.hostWillingness' }]);
});

t.test(
  'a meeting at a venue: the invitation, its calendar LOCATION and an edited venue show the full address',
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
    const { police, municipality, people } = bornholmWithPeople(app.db);
    const venue = (
      await app.inject({
        method: 'POST',
        url: '/api/venues',
        headers: as.facilitator,
        payload: venueBody(municipality.id, people.head),
      })
    ).json();
    const area = (await app.inject({ url: '/api/areas?kind=police_district', headers: as.viewer }))
      .json()
      .find((a: { convenerId: number }) => a.convenerId === police.id);
    const created = await app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: as.facilitator,
      payload: { areaId: area.id, date: '2027-09-15', venueId: venue.id, replyBy: '2027-09-01' },
    });
    t.equal(created.statusCode, 201, created.body);
    const meeting = created.json();
    t.match(meeting, {
      venueId: venue.id,
      host: { id: municipality.id },
      replyBy: '2027-09-01',
      hostConfirmedAt: null,
    });

    const unknown = await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${meeting.id}`,
      headers: as.facilitator,
      payload: { version: meeting.version, venueId: 999_999 },
    });
    t.equal(unknown.statusCode, 400);
    t.match(unknown.json().fields, [{ field: 'body.venueId', message: 'unknown venue' }]);

    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/host-confirmation`,
      headers: as.facilitator,
      payload: { version: meeting.version, note: 'Birgit Børne-ungechef, telefonisk' },
    });
    t.equal(confirmed.statusCode, 200, confirmed.body);
    t.match(confirmed.json(), { hostConfirmedBy: 'Birgit Børne-ungechef, telefonisk' });
    t.ok(confirmed.json().hostConfirmedAt);

    const sent = await app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/invitations`,
      headers: as.facilitator,
    });
    t.equal(sent.statusCode, 200, sent.body);
    await smtp.waitFor(sent.json().queued);
    const mail = smtp.received.find((r) => r.envelopeTo.includes('pia@politi.test'))!.parsed;
    t.match(mail.text, FULL, 'the email names the venue, room, street, postcode and town');
    const { vevent } = calendarOf(mail);
    t.equal(vevent.getFirstPropertyValue('location'), FULL, 'LOCATION holds the full address');

    const before = smtp.received.length;
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/venues/${venue.id}`,
      headers: as.facilitator,
      payload: { version: venue.version, room: 'Byrådssalen' },
    });
    t.equal(edited.statusCode, 200, edited.body);
    const moved = (await app.inject({ url: `/api/meetings/${meeting.id}`, headers: as.viewer })).json();
    t.equal(moved.venueAddress, 'Byrådssalen, Ullasvej 23, 3700 Rønne', 'the meeting follows its venue');
    t.equal(moved.icsSequence, meeting.icsSequence + 1);
    await smtp.waitFor(before + sent.json().queued);
    const update = smtp.received.slice(before).find((r) => r.envelopeTo.includes('pia@politi.test'))!.parsed;
    t.equal(
      calendarOf(update).vevent.getFirstPropertyValue('location'),
      FULL.replace('Mødelokale 2', 'Byrådssalen'),
    );
  },
);
