import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee } from '../helpers/factories.ts';
import { outboxOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

t.test(
  "the host's contact gets the participants' needs by mail; without a host contact nothing is sent",
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
    const { police, municipality, people } = bornholmWithPeople(app.db);
    const area = (await app.inject({ url: '/api/areas?kind=police_district', headers: as.viewer }))
      .json()
      .find((a: { convenerId: number }) => a.convenerId === police.id);
    const plain = (
      await app.inject({
        method: 'POST',
        url: '/api/meetings',
        headers: as.facilitator,
        payload: { areaId: area.id, date: '2027-09-14' },
      })
    ).json();
    const refused = await app.inject({
      method: 'POST',
      url: `/api/meetings/${plain.id}/host-needs`,
      headers: as.facilitator,
    });
    t.equal(refused.statusCode, 409, 'no venue with a host contact: refused');
    t.equal(outboxOf(app.db, 'host-needs').length, 0, 'and nothing queued');

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
          hostContactId: people.head,
        },
      })
    ).json();
    const meeting = (
      await app.inject({
        method: 'POST',
        url: '/api/meetings',
        headers: as.facilitator,
        payload: { areaId: area.id, date: '2027-09-15', venueId: venue.id },
      })
    ).json();
    const ole = insertInvitee(app.db, meeting.id, {
      name: 'Ole Sen',
      email: 'ole@brk.test',
      organisationId: municipality.id,
    });
    const answered = await app.inject({
      method: 'POST',
      url: `/rsvp/${ole.token}`,
      headers: { accept: 'application/json' },
      payload: { answer: 'accepted', dietaryNeeds: 'Glutenfri', accessibilityNeeds: 'Kørestol' },
    });
    t.equal(answered.statusCode, 200, answered.body);
    const sent = await app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/host-needs`,
      headers: as.facilitator,
    });
    t.equal(sent.statusCode, 200, sent.body);
    t.same(sent.json(), { to: 'birgit@kommune.test', people: 1 });
    await smtp.waitFor(1);
    const mail = smtp.received.find((r) => r.envelopeTo.includes('birgit@kommune.test'))!.parsed;
    t.match(mail.subject, /Deltagernes behov/);
    t.match(mail.text, /Ole Sen, Bornholm/);
    t.match(mail.text, /Kost: Glutenfri/);
    t.match(mail.text, /Tilgængelighed: Kørestol/);
  },
);
