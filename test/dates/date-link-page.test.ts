import t from 'tap';
import { proposeDate } from '../../server/dates/proposals.ts';
import type { Meeting } from '../../server/planning/schemas.ts';
import { buildTestApp } from '../helpers/app.ts';
import { bornholmWithDateContacts, dateTokenIn } from '../helpers/dates.ts';
import { outboxOf } from '../helpers/mail.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

t.test(
  'the contact answers on a Danish page: a forbidden date is refused by name, nothing changes',
  async (t) => {
    const { app, as } = await buildTestApp(t, { MAIL_SENDER: 'off' });
    const { municipality } = bornholmWithDateContacts(app.db);
    const planned = await app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: as.facilitator,
      payload: { year: 2027 },
    });
    const bornholm = (planned.json().meetings as Meeting[]).find((m) => m.area.districtCode === '1471')!;
    await app.inject({
      method: 'PATCH',
      url: `/api/meetings/${bornholm.id}`,
      headers: as.facilitator,
      payload: { version: bornholm.version, hostOrganisationId: municipality.id },
    });
    proposeDate(app.db, app.config, null, bornholm.id);
    const mails = outboxOf(app.db, 'date-proposal');
    const karl = dateTokenIn(mails.find((m) => m.toAddress === 'karl@politi.test')!.content.text);
    const mette = dateTokenIn(mails.find((m) => m.toAddress === 'mette@kommune.test')!.content.text);

    const shown = await app.inject({ url: `/datoforslag/${mette}` });
    t.equal(shown.statusCode, 200);
    t.match(shown.headers['content-type'], /text\/html/);
    t.equal(shown.headers['cache-control'], 'no-store');
    t.match(shown.body, /<html lang="da">/);
    t.match(shown.body, /Du svarer som fast kontaktperson for Bornholm\./);
    t.match(shown.body, /Bekræft datoen/);
    t.match(shown.body, /Foreslå en anden dato/);

    const forbidden = await app.inject({
      method: 'POST',
      url: `/datoforslag/${mette}`,
      headers: form,
      payload: 'handling=andendato&date=2027-07-07&startTime=09%3A30&endTime=13%3A00&note=',
    });
    t.equal(forbidden.statusCode, 409);
    t.match(forbidden.body, /Datoen kan ikke bruges/);
    t.match(forbidden.body, /ligger i juli, som er friholdt/, 'the rule is named in Danish');
    t.match(forbidden.body, /value="2027-07-07"/, 'what was typed stays');
    const after = (
      await app.inject({ url: `/api/meetings/${bornholm.id}/date-agreement`, headers: as.viewer })
    ).json();
    t.equal(after.status, 'proposed', 'nothing changed');
    t.equal(after.proposals.length, 1);

    const bad = await app.inject({
      method: 'POST',
      url: `/datoforslag/${mette}`,
      headers: form,
      payload: 'handling=andendato&date=i+morgen',
    });
    t.equal(bad.statusCode, 400);
    t.match(bad.body, /Angiv en dato \(åååå-mm-dd\)/);

    const sunday = await app.inject({
      method: 'POST',
      url: `/datoforslag/${mette}`,
      headers: form,
      payload: 'handling=andendato&date=2027-09-12',
    });
    t.equal(sunday.statusCode, 409, 'a Sunday is not a meeting day');
    t.match(sunday.body, /Søndag 12\. september 2027: møderne holdes kun tirsdag, onsdag og torsdag/);

    const confirmed = await app.inject({
      method: 'POST',
      url: `/datoforslag/${karl}`,
      headers: form,
      payload: 'handling=bekraeft',
    });
    t.equal(confirmed.statusCode, 200);
    t.match(confirmed.body, /Tak\. Du har bekræftet datoen\./);
    t.notMatch(confirmed.body, /<button type="submit">Bekræft datoen/, 'no second confirmation offered');

    const unknown = await app.inject({ url: '/datoforslag/dato_AAAAAAAAAAAA_x' });
    t.equal(unknown.statusCode, 404);
    t.match(unknown.body, /Linket virker ikke/);
  },
);
