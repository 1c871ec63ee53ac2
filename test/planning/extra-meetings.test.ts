import type ICAL from 'ical.js';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { areaOfDistrict } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople, norwegianProgramme } from '../helpers/scenarios.ts';

const meetingsOfArea = async (app: Awaited<ReturnType<typeof buildTestApp>>, areaId: number) =>
  (await app.app.inject({ url: `/api/meetings?area=${areaId}`, headers: app.as.viewer })).json() as {
    id: number;
  }[];

t.test(
  'an extra meeting for one Danish district, outside the plan, invited and answered like any other',
  async (t) => {
    const smtp = await startSmtp(t);
    const test = await buildTestApp(t, { SMTP_URL: smtp.url });
    const { app, as } = test;
    const { people } = bornholmWithPeople(app.db);
    const area = areaOfDistrict(app.db, '1471');

    const created = await app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: as.facilitator,
      payload: {
        areaId: area.id,
        date: '2027-09-15',
        facilitatorId: people.facilitator,
        venueName: 'Politigården',
      },
    });
    t.equal(created.statusCode, 201, created.body);
    const m = created.json();
    t.equal(m.cycleId, null, 'it belongs to no cycle');
    t.equal(
      m.title,
      `Politikredsmøde 2027 – ${area.name} (ekstramøde)`,
      "the programme's title, marked as extra",
    );
    t.equal(m.timeZone, 'Europe/Copenhagen');
    t.equal(m.localDate, '2027-09-15');
    t.equal(m.localStartTime, '09:30', "the programme's default time");
    t.equal(m.localEndTime, '13:00');
    t.match(
      m.explanation,
      /^Ekstramøde oprettet af facilitator@test\.example til onsdag 15\. september kl\. 09\.30–13\.00\./,
    );
    t.same(m.warnings, []);

    const sent = await app.inject({
      method: 'POST',
      url: `/api/meetings/${m.id}/invitations`,
      headers: as.facilitator,
    });
    t.equal(sent.statusCode, 200, sent.body);
    t.equal(sent.json().invited, 4, "the programme's audience of the area is invited");
    await smtp.waitFor(4);
    const pia = smtp.received.find((r) => r.envelopeTo.includes('pia@politi.test'))!;
    const { method, vevent } = calendarOf(pia.parsed);
    t.equal(method, 'REQUEST');
    t.equal(vevent.getFirstPropertyValue('uid'), m.icsUid);
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    t.equal(start.toString(), '2027-09-15T09:30:00', 'at 09:30 local time');
    t.equal(start.zone?.tzid, 'Europe/Copenhagen');

    const token = /\/rsvp\/(rsvp_[A-Za-z0-9_-]+)/.exec(pia.parsed.text ?? '')![1];
    const answer = await app.inject({
      method: 'POST',
      url: `/rsvp/${token}`,
      headers: { accept: 'application/json' },
      payload: { answer: 'accepted' },
    });
    t.equal(answer.statusCode, 200, answer.body);
    const responses = (
      await app.inject({ url: `/api/meetings/${m.id}/responses`, headers: as.viewer })
    ).json();
    t.equal(responses.counts.accepted, 1, 'the answer counts for the extra meeting');
  },
);

t.test(
  "an extra meeting is held to the programme's rules: refused naming the rule, or saved with force and warnings",
  async (t) => {
    const test = await buildTestApp(t);
    const { app, as } = test;
    const area = areaOfDistrict(app.db, '1471');
    const post = (payload: object, headers = as.facilitator) =>
      app.inject({ method: 'POST', url: '/api/meetings', headers, payload });

    const friday = await post({ areaId: area.id, date: '2027-09-17' });
    t.equal(friday.statusCode, 409);
    t.equal(friday.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.same(
      friday.json().violations.map((v: { rule: string }) => v.rule),
      ['weekday'],
    );
    t.same(await meetingsOfArea(test, area.id), [], 'nothing saved');

    const forced = await post({ areaId: area.id, date: '2027-09-17', force: true });
    t.equal(forced.statusCode, 201);
    t.match(forced.json().warnings[0], /tirsdag, onsdag og torsdag/);
    t.match(forced.json().explanation, /bryder planlægningsreglerne/);

    const sameDay = await post({ areaId: area.id, date: '2027-09-17', startTime: '13:00', endTime: '14:00' });
    t.equal(sameDay.statusCode, 409);
    t.ok(
      sameDay.json().violations.some((v: { rule: string }) => v.rule === 'areaSameDay'),
      'an area never meets twice on one day',
    );

    const bad = [
      [{ areaId: 424242, date: '2027-09-15' }, 'body.areaId'],
      [{ areaId: area.id, date: '2027-09-15', startTime: '12:00', endTime: '11:00' }, 'body.endTime'],
      [{ areaId: area.id, date: '2027-02-30' }, 'body.date'],
      [{ areaId: area.id, date: '2027-09-15', facilitatorId: 424242 }, 'body.facilitatorId'],
      [{ areaId: area.id, date: '2027-09-15', hostOrganisationId: 424242 }, 'body.hostOrganisationId'],
    ] as const;
    for (const [payload, field] of bad) {
      const res = await post(payload);
      t.equal(res.statusCode, 400, `${field}: ${res.body}`);
      t.ok(
        res.json().fields.some((f: { field: string }) => f.field === field),
        `the problem names ${field}`,
      );
    }
    t.equal((await meetingsOfArea(test, area.id)).length, 1, 'only the forced meeting was saved');
    t.equal((await post({ areaId: area.id, date: '2027-09-15' }, as.viewer)).statusCode, 403);
  },
);

t.test("a Norwegian programme's extra meeting: its holidays, time zone and language", async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  const norwegian = await norwegianProgramme(app, as);
  const post = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/meetings', headers: as.facilitator, payload });

  const constitutionDay = await post({ areaId: norwegian.areaId, date: '2028-05-17' });
  t.equal(constitutionDay.statusCode, 409);
  t.same(
    constitutionDay.json().violations.map((v: { rule: string }) => v.rule),
    ['holiday'],
    '17 May (a Wednesday in 2028) is a Norwegian public holiday',
  );

  const created = await post({
    areaId: norwegian.areaId,
    date: '2027-05-19',
    startTime: '10:00',
    endTime: '12:00',
  });
  t.equal(created.statusCode, 201, created.body);
  const m = created.json();
  t.equal(m.timeZone, 'Europe/Oslo');
  t.match(m.title, /ekstramøte\)$/);
  t.match(m.title, norwegian.areaName);
  t.match(
    m.explanation,
    /^Ekstramøte opprettet av facilitator@test\.example til onsdag 19\. mai kl\. 10:00–12:00\./,
  );
  t.equal(m.startsAt, '2027-05-19T08:00:00.000Z', '10:00 in Oslo is 08:00 UTC in summer');
});
