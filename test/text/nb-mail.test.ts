import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting, insertPerson } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { districtOrganisations } from '../helpers/scenarios.ts';

t.test(
  'a person who reads bokmål gets the invitation, its calendar entry and the answer page in Norwegian',
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Samråd <noreply@samraad.test>',
      // an hourly sweep: mail arrives in time only when what queued it kicks the sender
      MAIL_SEND_INTERVAL_MS: '3600000',
    });
    const police = districtOrganisations(app.db, '1471').find((o) => o.kind === 'police_district')!;
    const person = (name: string, email: string, language: string) =>
      app.inject({
        method: 'POST',
        url: '/api/people',
        headers: as.facilitator,
        payload: {
          name,
          email,
          organisationId: police.id,
          roles: ['leder-personfarlig-kriminalitet'],
          language,
        },
      });
    t.equal((await person('Kari Nordmann', 'kari@politiet.test', 'nb')).statusCode, 201);
    // an admin adds Nynorsk, which reads the bokmål texts until it has its own
    const nynorsk = await app.inject({
      method: 'POST',
      url: '/api/languages',
      headers: as.admin,
      payload: { code: 'nn', name: 'Norsk nynorsk', textsFrom: 'nb' },
    });
    t.equal(nynorsk.statusCode, 201);
    t.equal((await person('Ola Nordmann', 'ola@politiet.test', 'nn')).statusCode, 201);
    t.equal((await person('Pia Dansk', 'pia@politi.test', 'da')).statusCode, 201);

    const m = insertMeeting(app.db, {
      districtCode: '1471',
      startsAt: '2027-03-12T08:00:00.000Z',
      endsAt: '2027-03-12T11:30:00.000Z',
      status: 'planned',
      venueName: 'Politigården',
      venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
    });
    prepared(
      app.db,
      `INSERT INTO agenda_item (meeting_id, position, title, presenter, duration_minutes, created_at, updated_at)
     VALUES (?, 1, 'Velkomst', NULL, 15, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
    ).run(m.id);
    const sent = await app.inject({
      method: 'POST',
      url: `/api/meetings/${m.id}/invitations`,
      headers: as.facilitator,
    });
    t.equal(sent.statusCode, 200, sent.body);
    t.match(sent.json(), { invited: 3, queued: 3 });
    await smtp.waitFor(3);
    const byAddress = new Map(smtp.received.map((r) => [r.envelopeTo[0], r.parsed]));

    const kari = byAddress.get('kari@politiet.test')!;
    t.match(kari.subject, /^Innkalling: /);
    t.equal(kari.headers.get('content-language'), 'nb');
    t.match(kari.text, /Hei Kari Nordmann/);
    t.match(kari.text, /Du innkalles herved til møtet nedenfor\./);
    t.match(kari.text, /fredag 12\. mars 2027 kl\. 09:00–12:30/, 'weekday and month in bokmål');
    t.match(kari.text, /Deltar kanskje: http:\/\/127\.0\.0\.1:3000\/rsvp\/rsvp_\S+\?answer=tentative/);
    t.match(kari.text, /Saksliste:/);
    t.match(kari.text, /Vennlig hilsen/);
    t.match(kari.html, /Deltar ikke/);
    t.notMatch(kari.text, /Venlig hilsen|Deltager|Mødet|marts/, 'nothing Danish');

    const calendar = calendarOf(kari);
    t.equal(calendar.method, 'REQUEST');
    const description = String(calendar.vevent.getFirstPropertyValue('description'));
    t.match(description, /fredag 12\. mars 2027 kl\. 09:00–12:30/, 'the calendar entry reads bokmål too');
    t.match(description, /Sted: Politigården, Zahrtmannsvej 4, 3700 Rønne/);
    t.match(description, /Saksliste:/);
    t.notMatch(description, /marts|Dagsorden/);

    // the link in her mail opens the answer page in bokmål, and her answer is confirmed in bokmål
    const token = /\/rsvp\/(rsvp_[^?\s]+)\?answer=accepted/.exec(kari.text ?? '')![1]!;
    const page = await app.inject({ url: `/rsvp/${token}` });
    t.equal(page.statusCode, 200);
    t.match(page.body, /<html lang="nb">/);
    t.match(page.body, /fredag 12\. mars 2027 kl\. 09:00–12:30/);
    t.match(page.body, /Du har ikke svart ennå\./);
    t.match(page.body, /Deltar kanskje/);
    t.match(page.body, /Kan du ikke delta selv\?/);
    const answered = await app.inject({
      method: 'POST',
      url: `/rsvp/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'answer=accepted',
    });
    t.equal(answered.statusCode, 200);
    t.match(answered.body, /Takk, svaret ditt er lagret\. Svaret ditt: Deltar\./);
    t.notMatch(answered.body, /Deltager|marts|Dit svar/, 'nothing Danish on her page');
    const json = await app.inject({ url: `/rsvp/${token}`, headers: { accept: 'application/json' } });
    t.match(json.json(), { language: 'nb', meeting: { when: 'fredag 12. mars 2027 kl. 09:00–12:30' } });

    const ola = byAddress.get('ola@politiet.test')!;
    t.match(ola.subject, /^Innkalling: /, 'Nynorsk reads the bokmål catalogue it names');
    t.match(ola.text, /Vennlig hilsen/);
    t.match(String(calendarOf(ola).vevent.getFirstPropertyValue('description')), /12\. mars 2027/);

    // Ola passes his invitation to a colleague, who reads what Ola reads
    const olaToken = /\/rsvp\/(rsvp_[^?\s]+)\?answer=accepted/.exec(ola.text ?? '')![1]!;
    const delegated = await app.inject({
      method: 'POST',
      url: `/rsvp/${olaToken}/delegate`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=Nils+Nordmann&email=nils%40politiet.test',
    });
    t.equal(delegated.statusCode, 200, delegated.body);
    t.match(delegated.body, /Takk\. Nils Nordmann har fått en innkalling til møtet i stedet for deg\./);
    await smtp.waitFor(4);
    const nils = smtp.received.find((r) => r.envelopeTo[0] === 'nils@politiet.test')!.parsed;
    t.match(nils.subject, /^Innkalling: /);
    t.match(nils.text, /Ola Nordmann kan ikke delta og har gitt innkallingen sin videre til deg\./);
    const stored = (await app.inject({ url: '/api/people?q=nils', headers: as.viewer })).json().items[0];
    t.equal(stored.language, 'nn', 'the stand-in gets the language of the person he stands in for');

    const pia = byAddress.get('pia@politi.test')!;
    t.match(pia.subject, /^Invitation: /, 'a Danish reader keeps Danish');
    t.match(pia.text, /fredag den 12\. marts 2027 kl\. 09\.00–12\.30/);
    t.match(String(calendarOf(pia).vevent.getFirstPropertyValue('description')), /Dagsorden:/);
    const piaToken = /\/rsvp\/(rsvp_[^?\s]+)\?answer=accepted/.exec(pia.text ?? '')![1]!;
    const piaPage = (await app.inject({ url: `/rsvp/${piaToken}` })).body;
    t.match(piaPage, /<html lang="da">/);
    t.match(piaPage, /Du har endnu ikke svaret\./, 'her answer page stays Danish');
  },
);

t.test('a follow-up reminder to a contact who reads bokmål is Norwegian', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url, FOLLOW_UP_WINDOW_DAYS: '30' });
  const kari = insertPerson(app.db, {
    name: 'Kari Nordmann',
    email: 'kari@politiet.test',
    orgKind: 'police_district',
    orgCode: '1465',
    language: 'nb',
  });
  const reviewOn = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const agreement = await app.inject({
    method: 'POST',
    url: '/api/agreements',
    headers: as.facilitator,
    payload: {
      districtCode: '1465',
      type: 'samarbejdsaftale',
      title: 'Felles rutiner',
      status: 'in_force',
      reviewOn,
      contactPersonIds: [kari],
    },
  });
  t.equal(agreement.statusCode, 201, agreement.body);
  const sent = await app.inject({ method: 'POST', url: '/api/follow-ups/send', headers: as.facilitator });
  t.equal(sent.statusCode, 200, sent.body);
  await smtp.waitFor(1);
  const mail = smtp.received[0]!.parsed;
  t.equal(mail.subject, 'Avtale til revisjon: Felles rutiner');
  t.match(mail.text, /Hei Kari Nordmann/);
  t.match(
    mail.text,
    /Avtalen «Felles rutiner» \(politidistrikt 1465\) skal revideres senest \d+\. \p{L}+ \d{4}\./u,
  );
  t.match(mail.text, /Vennlig hilsen/);
  t.notMatch(mail.text, /Aftale|politikreds|Venlig/, 'nothing Danish');
});
