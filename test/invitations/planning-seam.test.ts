import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

t.test("planning's own routes: a moved venue and a cancellation reach the invitees' calendars", async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, { SMTP_URL: smtp.url });
  bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.json().invited, 4);
  await smtp.waitFor(4);

  const current = (await app.inject({ url: `/api/meetings/${m.id}`, headers: as.viewer })).json();
  t.equal(current.status, 'invited');
  const moved = await app.inject({
    method: 'PATCH',
    url: `/api/meetings/${m.id}`,
    headers: as.facilitator,
    payload: {
      version: current.version,
      venueName: 'Rønne Rådhus',
      venueAddress: 'Store Torv 1, 3700 Rønne',
      force: true,
    },
  });
  t.equal(moved.statusCode, 200, moved.body);
  await smtp.waitFor(8);
  for (const mail of smtp.received.slice(4, 8)) {
    t.match(mail.parsed.subject, /^(Opdateret|Updated): /);
    const cal = calendarOf(mail.parsed);
    t.equal(cal.method, 'REQUEST');
    t.equal(cal.vevent.getFirstPropertyValue('uid'), m.icsUid);
    t.equal(cal.vevent.getFirstPropertyValue('sequence'), 1);
    t.equal(cal.vevent.getFirstPropertyValue('location'), 'Rønne Rådhus, Store Torv 1, 3700 Rønne');
  }

  const cancelled = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/cancel`,
    headers: as.facilitator,
    payload: { version: moved.json().version, reason: 'Sygdom hos oplægsholderen' },
  });
  t.equal(cancelled.statusCode, 200, cancelled.body);
  await smtp.waitFor(12);
  for (const mail of smtp.received.slice(8, 12)) {
    const cal = calendarOf(mail.parsed);
    t.equal(cal.method, 'CANCEL');
    t.equal(cal.vevent.getFirstPropertyValue('status'), 'CANCELLED');
    t.equal(cal.vevent.getFirstPropertyValue('sequence'), 2);
  }
  t.equal(smtp.received.length, 12, 'one email per invitee per change');
});
