import ICAL from 'ical.js';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

function parse(body: string) {
  return new ICAL.Component(ICAL.parse(body) as unknown[]);
}

t.test(
  'a district feed is PUBLISH, zoned, without attendees, stamped with the last change and cached',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const march = insertMeeting(app.db, {
      title: 'Politikredsmøde 2027, forår',
      startsAt: '2027-03-03T08:00:00.000Z',
      endsAt: '2027-03-03T14:00:00.000Z',
      updatedAt: '2026-11-02T09:30:00.000Z',
    });
    const june = insertMeeting(app.db, {
      title: 'Politikredsmøde 2027, sommer',
      status: 'cancelled',
      startsAt: '2027-06-10T07:00:00.000Z',
      endsAt: '2027-06-10T11:00:00.000Z',
      updatedAt: '2026-11-05T12:00:00.000Z',
    });
    insertMeeting(app.db, { title: 'Kladde', status: 'draft' });
    insertMeeting(app.db, { title: 'Anden kreds', districtCode: '1470' });
    insertInvitee(app.db, march.meetingId, {
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organisationId: march.memberIds.Bornholm!,
    });

    const res = await app.inject({ url: '/calendar/districts/1471.ics' });
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /^text\/calendar; charset=utf-8/);
    t.ok(res.headers.etag);
    t.equal(res.headers['last-modified'], new Date('2026-11-05T12:00:00.000Z').toUTCString());
    t.match(res.body, /\r\n/, 'CRLF line ends');
    t.notMatch(res.body, /ATTENDEE|anna@brk\.dk|mailto:/i, 'nobody’s address');

    const calendar = parse(res.body);
    t.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
    const zone = calendar.getFirstSubcomponent('vtimezone');
    t.ok(zone, 'VTIMEZONE present');
    t.equal(zone!.getFirstPropertyValue('tzid'), 'Europe/Copenhagen');
    ICAL.TimezoneService.register(zone!);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    t.same(
      events.map((e) => e.summary),
      ['Politikredsmøde 2027, forår', 'Aflyst: Politikredsmøde 2027, sommer'],
      'the district’s meetings beyond draft, in order',
    );
    const [first, second] = events;
    t.equal(first!.uid, march.icsUid);
    t.equal(first!.component.getFirstProperty('dtstart')!.getParameter('tzid'), 'Europe/Copenhagen');
    t.equal(first!.startDate.zone.tzid, 'Europe/Copenhagen');
    t.equal(first!.startDate.toString(), '2027-03-03T09:00:00', 'wall-clock time in Copenhagen');
    t.equal(first!.startDate.toJSDate().toISOString(), '2027-03-03T08:00:00.000Z');
    t.equal(
      second!.startDate.toJSDate().toISOString(),
      '2027-06-10T07:00:00.000Z',
      'summer time through the VTIMEZONE',
    );
    t.equal(first!.location, 'Rønne Rådhus, Store Torv 1, 3700 Rønne');
    const stamp = first!.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    t.equal(stamp.toJSDate().toISOString(), '2026-11-02T09:30:00.000Z', 'DTSTAMP is the last change');
    t.equal(stamp.zone, ICAL.Timezone.utcTimezone);
    t.equal(
      (first!.component.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().toISOString(),
      '2026-11-02T09:30:00.000Z',
    );
    t.equal(second!.component.getFirstPropertyValue('status'), 'CANCELLED');
    t.equal(june.icsUid, second!.uid);

    // the same data later gives the same bytes: subscribers can revalidate
    const again = await app.inject({ url: '/calendar/districts/1471.ics' });
    t.equal(again.body, res.body);
    t.equal(again.headers.etag, res.headers.etag);
    const cached = await app.inject({
      url: '/calendar/districts/1471.ics',
      headers: { 'if-none-match': res.headers.etag as string },
    });
    t.equal(cached.statusCode, 304);
    t.equal(cached.body, '');
    const bySince = await app.inject({
      url: '/calendar/districts/1471.ics',
      headers: { 'if-modified-since': res.headers['last-modified'] as string },
    });
    t.equal(bySince.statusCode, 304);
    const stale = await app.inject({
      url: '/calendar/districts/1471.ics',
      headers: { 'if-none-match': '"old"' },
    });
    t.equal(stale.statusCode, 200);

    // the feed needs no account, and an account changes nothing
    t.equal((await app.inject({ url: '/calendar/districts/1471.ics', headers: as.viewer })).body, res.body);

    // a change to a meeting changes the feed and its ETag
    app.db.$client
      .prepare(
        "UPDATE meeting SET venue_name = 'Hasle Rådhus', updated_at = '2026-11-06T08:00:00.000Z' WHERE id = ?",
      )
      .run(march.meetingId);
    const changed = await app.inject({
      url: '/calendar/districts/1471.ics',
      headers: { 'if-none-match': res.headers.etag as string },
    });
    t.equal(changed.statusCode, 200);
    t.not(changed.headers.etag, res.headers.etag);
    t.match(changed.body, 'Hasle Rådhus');

    t.equal((await app.inject({ url: '/calendar/districts/9999.ics' })).statusCode, 404);
    t.equal((await app.inject({ url: '/calendar/districts/1471.txt' })).statusCode, 400);
  },
);

t.test('one meeting’s calendar shows invitees with their answers and delegations', async (t) => {
  const { app, as } = await buildTestApp(t);
  const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const org = m.memberIds.Bornholm!;
  const chef = insertInvitee(app.db, m.meetingId, {
    name: 'Chef Hansen',
    email: 'chef@brk.dk',
    organisationId: org,
  });
  const other = insertInvitee(app.db, m.meetingId, {
    name: 'Other',
    email: 'other@brk.dk',
    organisationId: org,
  });
  await app.inject({ method: 'POST', url: `/rsvp/${other.token}`, payload: { answer: 'accepted' } });
  await app.inject({
    method: 'POST',
    url: `/rsvp/${chef.token}/delegate`,
    payload: { name: 'Bo Stedfortræder', email: 'bo@brk.dk' },
  });

  t.equal((await app.inject({ url: `/api/meetings/${m.meetingId}/calendar.ics` })).statusCode, 401);
  t.equal((await app.inject({ url: '/api/meetings/4242/calendar.ics', headers: as.viewer })).statusCode, 404);
  const res = await app.inject({ url: `/api/meetings/${m.meetingId}/calendar.ics`, headers: as.viewer });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/calendar/);
  const calendar = parse(res.body);
  t.ok(calendar.getFirstSubcomponent('vtimezone'));
  const event = calendar.getFirstSubcomponent('vevent')!;
  t.equal(event.getFirstPropertyValue('uid'), m.icsUid);
  const attendees = Object.fromEntries(
    event.getAllProperties('attendee').map((a) => [String(a.getFirstValue()).replace(/^mailto:/i, ''), a]),
  );
  t.same(Object.keys(attendees).sort(), ['bo@brk.dk', 'chef@brk.dk', 'other@brk.dk']);
  t.equal(attendees['other@brk.dk']!.getParameter('partstat'), 'ACCEPTED');
  t.equal(attendees['chef@brk.dk']!.getParameter('partstat'), 'DELEGATED');
  t.match(String(attendees['chef@brk.dk']!.getParameter('delegated-to')), /bo@brk\.dk/i);
  t.match(String(attendees['bo@brk.dk']!.getParameter('delegated-from')), /chef@brk\.dk/i);
  t.equal(attendees['bo@brk.dk']!.getParameter('partstat'), 'NEEDS-ACTION');
  const cached = await app.inject({
    url: `/api/meetings/${m.meetingId}/calendar.ics`,
    headers: { ...as.viewer, 'if-none-match': res.headers.etag as string },
  });
  t.equal(cached.statusCode, 304);
});
