import ICAL from 'ical.js';
import t from 'tap';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

const injected = 'Møde\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected';
const stored = injected.replace(/\r\n/g, '\n');

t.test('a title or district name written to add events gives one VEVENT with that exact text', async (t) => {
  const { app, as } = await buildTestApp(t);
  const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
  insertInvitee(app.db, m.meetingId, {
    name: injected,
    email: 'chef@brk.dk',
    organisationId: m.memberIds.Bornholm!,
  });
  const current = (await app.inject({ url: `/api/meetings/${m.meetingId}`, headers: as.viewer })).json();
  const patched = await app.inject({
    method: 'PATCH',
    url: `/api/meetings/${m.meetingId}`,
    headers: as.facilitator,
    payload: { version: current.version, title: injected, venueName: injected },
  });
  t.equal(patched.statusCode, 200, patched.body);
  const district = (await app.inject({ url: '/api/districts/1471', headers: as.viewer })).json();
  const org = (await app.inject({ url: `/api/organisations/${district.id}`, headers: as.viewer })).json();
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${district.id}`,
    headers: as.facilitator,
    payload: { version: org.version, name: injected },
  });
  t.equal(renamed.statusCode, 200, renamed.body);

  for (const url of [`/api/meetings/${m.meetingId}/calendar.ics`, '/calendar/districts/1471.ics']) {
    const res = await app.inject({ url, headers: as.viewer });
    t.equal(res.statusCode, 200, url);
    t.notMatch(res.body, /\r\nSUMMARY:Injected/, `${url}: no line starts with the injected property`);
    const root = new ICAL.Component(ICAL.parse(res.body));
    const events = root.getAllSubcomponents('vevent');
    t.equal(events.length, 1, `${url}: one VEVENT`);
    t.equal(events[0]!.getFirstPropertyValue('summary'), stored, `${url}: the exact title`);
    t.match(String(events[0]!.getFirstPropertyValue('location')), stored, `${url}: the exact venue`);
    const raw = String(root.getFirstPropertyValue('x-wr-calname'));
    t.notMatch(raw, /\n/, `${url}: the calendar name stays on its line`);
  }
});
