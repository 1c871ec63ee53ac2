import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { startSmtp } from '../helpers/mail.ts';
import { norwegianProgramme } from '../helpers/scenarios.ts';

t.test(
  "a meeting without a facilitator signs with its programme's signature and takes replies at its reply address",
  async (t) => {
    const smtp = await startSmtp(t);
    const { app, as } = await buildTestApp(t, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Samråd <noreply@samraad.test>',
    });
    const no = await norwegianProgramme(app, as);
    const programme = (await app.inject({ url: `/api/programmes/${no.key}`, headers: as.admin })).json();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/programmes/${no.key}`,
      headers: as.admin,
      payload: {
        version: programme.version,
        signature: 'Sekretariatet for dialogmøter\nBufetat region øst',
        replyAddress: 'dialogmoter@bufetat.test',
      },
    });
    t.equal(patched.statusCode, 200, patched.body);

    const person = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.facilitator,
      payload: {
        name: 'Kari Nordmann',
        email: 'kari@drammen.test',
        organisationId: no.members[0]!.id,
        roles: ['leder-personfarlig-kriminalitet'],
        language: 'nb',
      },
    });
    t.equal(person.statusCode, 201, person.body);
    const created = await app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: as.facilitator,
      payload: { areaId: no.areaId, date: '2027-05-19', startTime: '10:00', endTime: '12:00' },
    });
    t.equal(created.statusCode, 201, created.body);
    t.equal(created.json().facilitator, null, 'the meeting has no facilitator');

    const sent = await app.inject({
      method: 'POST',
      url: `/api/meetings/${created.json().id}/invitations`,
      headers: as.facilitator,
    });
    t.equal(sent.statusCode, 200, sent.body);
    await smtp.waitFor(1);
    const kari = smtp.received.find((r) => r.envelopeTo.includes('kari@drammen.test'))!.parsed;
    t.same(
      kari.replyTo?.value.map((a) => a.address),
      ['dialogmoter@bufetat.test'],
      "replies go to the programme's address",
    );
    t.match(
      kari.text,
      /Vennlig hilsen\nSekretariatet for dialogmøter\nBufetat region øst\s*$/,
      "the programme's signature signs, line by line",
    );
    t.match(kari.html, /Sekretariatet for dialogmøter/);
    t.notMatch(kari.text, /Vennlig hilsen\nSamråd/, "not the service's name");
  },
);
