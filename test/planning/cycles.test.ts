import t from 'tap';
import type { MeetingChange } from '../../server/planning/meeting-changes.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

type Meeting = {
  id: number;
  areaId: number;
  area: { name: string; districtCode: string };
  title: string;
  status: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  localStartTime: string;
  localEndTime: string;
  host: { id: number; name: string } | null;
  venueName: string | null;
  venueAddress: string | null;
  facilitator: { id: number; name: string; email: string } | null;
  explanation: string;
  warnings: string[];
  icsUid: string;
  icsSequence: number;
  version: number;
};

async function withFacilitators({ app, as }: TestApp, count = 2): Promise<number[]> {
  const organisationId = ((await app.inject({ url: '/api/municipalities' })).json() as { id: number }[])[0]!
    .id;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: as.admin,
      payload: {
        name: `Facilitator ${i + 1}`,
        email: `facilitator${i + 1}@sm.example`,
        organisationId,
        roles: ['facilitator'],
      },
    });
    ids.push(created.json().id);
  }
  return ids;
}

async function planned(test: TestApp, year = 2027, settings: Record<string, unknown> = {}) {
  const res = await test.app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: test.as.facilitator,
    payload: { year, settings },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: number; meetings: Meeting[]; version: number };
}

/** A Tuesday–Thursday in August–September 2027 at least three days from every planned meeting. */
function freeDate(meetings: Meeting[]): string {
  const taken = meetings.map((m) => Date.parse(m.localDate));
  for (let day = Date.parse('2027-08-10'); day < Date.parse('2027-10-01'); day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 2 && weekday <= 4 && taken.every((d) => Math.abs(d - day) >= 3 * 86_400_000))
      return new Date(day).toISOString().slice(0, 10);
  }
  throw new Error('no free date');
}

function recordChanges(app: TestApp['app']): MeetingChange[] {
  const seen: MeetingChange[] = [];
  app.planning.changes.onChanged((_db, change) => {
    seen.push(change);
  });
  return seen;
}

t.test('reading needs an account, planning needs a facilitator', async (t) => {
  const { app, as } = await buildTestApp(t);
  t.equal((await app.inject({ url: '/api/cycles' })).statusCode, 401);
  t.equal((await app.inject({ url: '/api/meetings' })).statusCode, 401);
  const denied = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.viewer,
    payload: { year: 2027 },
  });
  t.equal(denied.statusCode, 403);
  t.match(denied.headers['content-type'], /application\/problem\+json/);
  t.same((await app.inject({ url: '/api/cycles', headers: as.viewer })).json(), []);
});

t.test('plan 2027 for the 12 districts in one call', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  const facilitators = await withFacilitators(test);

  const dry = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2027, dryRun: true },
  });
  t.equal(dry.statusCode, 200);
  t.equal(dry.json().dryRun, true);
  t.equal(dry.json().meetings.length, 12);
  t.equal(
    (await app.inject({ url: '/api/cycles/2027', headers: as.viewer })).statusCode,
    404,
    'dry run saved nothing',
  );
  t.equal((app.db.$client.prepare('SELECT count(*) AS n FROM meeting').get() as { n: number }).n, 0);

  const res = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2027 },
  });
  t.equal(res.statusCode, 201);
  const cycle = res.json();
  t.equal(cycle.name, 'Politikredsmøder 2027');
  t.equal(cycle.settings.maxPerWeek, 2, 'settings stored with defaults');
  t.equal(cycle.meetings.length, 12);
  t.same(
    cycle.meetings.map((m: Meeting) => m.localDate),
    dry.json().meetings.map((m: Meeting) => m.localDate),
    'the same input gives the same plan',
  );
  const north = cycle.meetings.find((m: Meeting) => m.area.districtCode === '1460') as Meeting;
  t.match(north, {
    title: 'Politikredsmøde 2027 – Nordjyllands Politi',
    status: 'draft',
    localStartTime: '09:30',
    localEndTime: '13:00',
    host: { name: 'Nordjyllands Politi' },
    venueName: 'Nordjyllands Politi',
    venueAddress: 'Aalborg',
    icsSequence: 0,
    version: 1,
    warnings: [],
  });
  t.match(north.icsUid, /^[0-9a-f-]{36}@127\.0\.0\.1$/);
  t.match(north.startsAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  t.match(north.explanation, 'Møderne holdes tirsdag, onsdag og torsdag kl. 09.30–13.00.');
  t.ok(facilitators.includes(north.facilitator!.id));
  for (const m of cycle.meetings as Meeting[]) {
    t.ok(
      ['2', '3', '4'].includes(String(new Date(`${m.localDate}T12:00:00Z`).getUTCDay())),
      `${m.localDate} Tue–Thu`,
    );
    t.not(m.localDate.slice(5, 7), '07');
  }
  t.equal(new Set(cycle.meetings.map((m: Meeting) => m.icsUid)).size, 12, 'one UID per meeting');

  const again = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: { year: 2027 },
  });
  t.equal(again.statusCode, 409);

  const read = await app.inject({ url: '/api/cycles/2027', headers: as.viewer });
  t.equal(read.statusCode, 200);
  t.equal(read.json().meetings.length, 12);
  const list = await app.inject({ url: '/api/cycles', headers: as.viewer });
  t.match(list.json(), [{ year: 2027, meetingCount: 12, cancelledCount: 0 }]);
  const audit = app.db.$client
    .prepare("SELECT action, actor FROM audit_entry WHERE entity = 'cycle'")
    .all() as { action: string; actor: string }[];
  t.same(audit, [{ action: 'plan', actor: 'facilitator@test.example' }]);

  const byDistrict = await app.inject({ url: '/api/meetings?year=2027&district=1460', headers: as.viewer });
  t.same(
    byDistrict.json().map((m: Meeting) => m.id),
    [north.id],
  );
  t.equal((await app.inject({ url: `/api/meetings/${north.id}`, headers: as.viewer })).json().id, north.id);
  t.equal((await app.inject({ url: '/api/meetings/99999', headers: as.viewer })).statusCode, 404);
});

t.test('bad input is a 400 naming the field', async (t) => {
  const { app, as } = await buildTestApp(t);
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/cycles', headers: as.facilitator, payload });
  const cases: [Record<string, unknown>, string][] = [
    [{ year: 'next' }, 'body.year'],
    [{}, 'body.year'],
    [{ year: 2027, settings: { maxPerWeek: 0 } }, 'body.settings.maxPerWeek'],
    [{ year: 2027, settings: { startTime: '9.30' } }, 'body.settings.startTime'],
    [{ year: 2027, settings: { colour: 'red' } }, 'body.settings.colour'],
    [{ year: 2027, settings: { facilitatorIds: [424242] } }, 'body.settings.facilitatorIds'],
    [{ year: 2027, settings: { areaIds: [424242] } }, 'body.settings.areaIds'],
    [{ year: 2028, settings: { periodStart: '2027-03-01' } }, 'body.settings.periodStart'],
    [
      { year: 2027, settings: { periodStart: '2027-03-01', periodEnd: '2027-02-01' } },
      'body.settings.periodEnd',
    ],
    [{ year: 2027, settings: { weekdays: [8] } }, 'body.settings.weekdays.0'],
    [{ year: 2027, settings: { timeZone: 'Europe/Atlantis' } }, 'body.settings.timeZone'],
    [{ year: 2027, settings: { startTime: '13:00', endTime: '09:30' } }, 'body.settings.endTime'],
  ];
  for (const [payload, field] of cases) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, JSON.stringify(payload));
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.ok(
      res.json().fields.some((f: { field: string }) => f.field === field),
      `${field} named in ${JSON.stringify(res.json().fields)}`,
    );
  }
  const badPatch = await app.inject({
    method: 'PATCH',
    url: '/api/meetings/1',
    headers: as.facilitator,
    payload: { version: 1, date: '2027-13-01' },
  });
  t.equal(badPatch.statusCode, 400);
  t.match(badPatch.json().fields, [{ field: 'body.date' }]);
});

t.test(
  'an impossible plan is a 422 listing the areas and the blocking rule, and saves nothing',
  async (t) => {
    const test = await buildTestApp(t);
    await withFacilitators(test);
    const res = await test.app.inject({
      method: 'POST',
      url: '/api/cycles',
      headers: test.as.facilitator,
      payload: {
        year: 2027,
        settings: { periodStart: '2027-03-01', periodEnd: '2027-03-21', maxPerWeek: 1 },
      },
    });
    t.equal(res.statusCode, 422);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    const problem = res.json();
    t.match(problem.detail, /2 facilitators × 1 per week is too few for 12 districts in 3 weeks/);
    t.ok(problem.unplaced.length >= 6);
    t.match(problem.unplaced[0], { areaName: String, rule: 'facilitatorCapacity' });
    t.equal((test.app.db.$client.prepare('SELECT count(*) AS n FROM cycle').get() as { n: number }).n, 0);
    t.equal((test.app.db.$client.prepare('SELECT count(*) AS n FROM meeting').get() as { n: number }).n, 0);
  },
);

t.test('moving a meeting: rules enforced, force saves with a warning, calendar sequence rises', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  await withFacilitators(test, 1);
  const changes = recordChanges(app);
  const cycle = await planned(test);
  const [first, second] = cycle.meetings as [Meeting, Meeting];
  const patch = (id: number, payload: Record<string, unknown>) =>
    app.inject({ method: 'PATCH', url: `/api/meetings/${id}`, headers: as.facilitator, payload });

  const holiday = await patch(first.id, { version: 1, date: '2027-05-06' });
  t.equal(holiday.statusCode, 409);
  t.match(holiday.json().detail, /holiday/);
  t.match(holiday.json().violations, [{ rule: 'holiday', message: /Kristi Himmelfartsdag/ }]);

  const sameDay = await patch(first.id, { version: 1, date: second.localDate });
  t.equal(sameDay.statusCode, 409, 'the only facilitator already meets that day');
  t.ok(sameDay.json().violations.some((v: { rule: string }) => v.rule === 'facilitatorDay'));

  const late = await patch(first.id, { version: 1, startTime: '14:00', endTime: '16:00' });
  t.equal(late.statusCode, 409);
  t.match(late.json().violations, [{ rule: 'timeOfDay' }]);

  const forced = await patch(first.id, { version: 1, date: '2027-05-06', force: true });
  t.equal(forced.statusCode, 200);
  t.match(forced.json(), {
    localDate: '2027-05-06',
    version: 2,
    icsSequence: 1,
    startsAt: '2027-05-06T07:30:00.000Z',
  });
  t.match(forced.json().warnings, [/^Torsdag 6\. maj 2027 er Kristi Himmelfartsdag\.$/]);
  t.equal(changes.length, 1);
  t.match(changes[0], { kind: 'rescheduled', before: { icsSequence: 0 }, after: { icsSequence: 1 } });

  const stale = await patch(first.id, { version: 1, date: '2027-05-04' });
  t.equal(stale.statusCode, 409, 'stale version');
  t.match(stale.json().detail, /version/);

  const free = freeDate(cycle.meetings);
  const ok = await patch(first.id, { version: 2, date: free });
  t.equal(ok.statusCode, 200, ok.body);
  t.match(ok.json(), { localDate: free, version: 3, icsSequence: 2, warnings: [] });
  t.match(ok.json().explanation, /^Flyttet til \p{L}+ \d+\. \p{L}+ kl\. 09\.30–13\.00 af /u);

  const venue = await patch(first.id, { version: 3, venueAddress: 'Jyllandsgade 27, 9000 Aalborg' });
  t.match(venue.json(), { venueAddress: 'Jyllandsgade 27, 9000 Aalborg', icsSequence: 3, version: 4 });
  t.equal(changes.at(-1)!.kind, 'moved');

  const renamed = await patch(first.id, { version: 4, title: 'Politikredsmøde – ny titel' });
  t.match(
    renamed.json(),
    { title: 'Politikredsmøde – ny titel', icsSequence: 3, version: 5 },
    'a title is no new time or place',
  );

  const unknownHost = await patch(first.id, { version: 5, hostOrganisationId: 999999 });
  t.equal(unknownHost.statusCode, 400);
  t.match(unknownHost.json().fields, [{ field: 'body.hostOrganisationId' }]);
});

t.test('status: draft → planned → invited → held; cancelling with a reason', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  const changes = recordChanges(app);
  const cycle = await planned(test);
  const [a, b] = cycle.meetings as [Meeting, Meeting];
  const status = (id: number, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/meetings/${id}/status`, headers: as.facilitator, payload });

  t.equal((await status(a.id, { version: 1, status: 'held' })).statusCode, 409, 'draft cannot jump to held');
  t.equal((await status(a.id, { version: 1, status: 'planned' })).json().status, 'planned');
  t.equal((await status(a.id, { version: 2, status: 'invited' })).json().status, 'invited');
  t.equal((await status(a.id, { version: 3, status: 'held' })).json().status, 'held');
  const back = await status(a.id, { version: 4, status: 'planned' });
  t.equal(back.statusCode, 409);
  t.match(back.json().detail, /held to planned/);
  t.equal(
    (await status(a.id, { version: 4, status: 'cancelled', reason: 'x' })).statusCode,
    409,
    'held stays held',
  );
  const noReason = await status(b.id, { version: 1, status: 'cancelled' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.json().fields, [{ field: 'body.reason' }]);

  const cancelled = await app.inject({
    method: 'POST',
    url: `/api/meetings/${b.id}/cancel`,
    headers: as.facilitator,
    payload: { version: 1, reason: 'Politiet er forhindret' },
  });
  t.equal(cancelled.statusCode, 200);
  t.match(cancelled.json(), {
    status: 'cancelled',
    cancelReason: 'Politiet er forhindret',
    icsSequence: 1,
    version: 2,
  });
  t.match(changes, [{ kind: 'cancelled', before: { status: 'draft' }, after: { status: 'cancelled' } }]);
  const twice = await app.inject({
    method: 'POST',
    url: `/api/meetings/${b.id}/cancel`,
    headers: as.facilitator,
    payload: { version: 2, reason: 'igen' },
  });
  t.equal(twice.statusCode, 409);
  const move = await app.inject({
    method: 'PATCH',
    url: `/api/meetings/${b.id}`,
    headers: as.facilitator,
    payload: { version: 2, date: '2027-09-01' },
  });
  t.equal(move.statusCode, 409, 'a cancelled meeting is not moved');
  const listed = await app.inject({ url: '/api/meetings?status=cancelled', headers: as.viewer });
  t.same(
    listed.json().map((m: Meeting) => m.id),
    [b.id],
  );
});

t.test('re-planning one area leaves every other area untouched', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  await withFacilitators(test);
  const changes = recordChanges(app);
  const cycle = await planned(test);
  const target = cycle.meetings.find((m) => m.area.districtCode === '1460')!;
  const others = cycle.meetings.filter((m) => m.id !== target.id);

  const dry = await app.inject({
    method: 'POST',
    url: `/api/cycles/2027/areas/${target.areaId}/replan`,
    headers: as.facilitator,
    payload: { areaBlackoutDates: [target.localDate], dryRun: true },
  });
  t.equal(dry.statusCode, 200);
  t.not(dry.json().meetings.find((m: Meeting) => m.id === target.id).localDate, target.localDate);
  t.equal(
    (await app.inject({ url: `/api/meetings/${target.id}`, headers: as.viewer })).json().version,
    1,
    'dry run saved nothing',
  );
  t.equal(changes.length, 0, 'dry run told nobody');

  const res = await app.inject({
    method: 'POST',
    url: `/api/cycles/2027/areas/${target.areaId}/replan`,
    headers: as.facilitator,
    payload: { areaBlackoutDates: [target.localDate] },
  });
  t.equal(res.statusCode, 200);
  const after = res.json();
  const moved = after.meetings.find((m: Meeting) => m.id === target.id) as Meeting;
  t.not(moved.localDate, target.localDate, 'off the blacked-out day');
  t.equal(moved.icsUid, target.icsUid, 'same calendar entry');
  t.equal(moved.icsSequence, 1);
  t.ok(
    Math.abs(Date.parse(moved.localDate) - Date.parse(target.localDate)) <= 28 * 86_400_000,
    'near where it was',
  );
  t.same(after.settings.areaBlackoutDates, { [String(target.areaId)]: [target.localDate] });
  for (const before of others) {
    const now = after.meetings.find((m: Meeting) => m.id === before.id);
    t.same(now, before, `${before.area.name} untouched`);
  }
  t.match(changes, [{ kind: 'rescheduled', before: { id: target.id } }]);

  const cancelled = await app.inject({
    method: 'POST',
    url: `/api/meetings/${target.id}/cancel`,
    headers: as.facilitator,
    payload: { version: moved.version, reason: 'Ny dato ønskes' },
  });
  t.equal(cancelled.statusCode, 200);
  const anew = await app.inject({
    method: 'POST',
    url: `/api/cycles/2027/areas/${target.areaId}/replan`,
    headers: as.facilitator,
    payload: {},
  });
  const area = anew.json().meetings.filter((m: Meeting) => m.areaId === target.areaId) as Meeting[];
  t.equal(area.length, 2, 'the cancelled meeting stays, a new one is planned');
  t.not(area.find((m) => m.status === 'draft')!.icsUid, target.icsUid);

  t.equal(
    (
      await app.inject({
        method: 'POST',
        url: '/api/cycles/2031/areas/1/replan',
        headers: as.facilitator,
        payload: {},
      })
    ).statusCode,
    404,
  );
});

t.test('the next year follows last year’s dates and rotates the host', async (t) => {
  const test = await buildTestApp(t);
  await withFacilitators(test);
  const y2026 = await planned(test, 2026);
  const y2027 = await planned(test, 2027);
  for (const m of y2027.meetings) {
    const last = y2026.meetings.find((x) => x.areaId === m.areaId)!;
    const distance =
      Math.abs(Date.parse(m.localDate) - Date.parse(`2027-${last.localDate.slice(5)}`)) / 86_400_000;
    t.ok(distance <= 28, `${m.area.name}: ${last.localDate} → ${m.localDate}`);
    t.not(m.host?.id, last.host?.id, `${m.area.name} gets a new host`);
    t.match(m.explanation, /passer med sidste års møde \(\d+\. \p{L}+ 2026\)\./u);
  }
});

t.test('venue rotation over the years skips hosts that are not willing', async (t) => {
  const test = await buildTestApp(t);
  const { app, as } = test;
  const areas = (await app.inject({ url: '/api/areas?kind=police_district' })).json() as {
    id: number;
    name: string;
    convenerId: number;
    members: { organisationId: number; name: string; memberRole: string }[];
  }[];
  const bornholm = areas.find((a) => a.name === 'Bornholms Politi')!;
  const municipality = bornholm.members.find((m) => m.memberRole === 'member')!;
  const hostsOf = async (year: number) =>
    (await planned(test, year, { areaIds: [bornholm.id] })).meetings.map((m) => m.host?.name);
  t.same(await hostsOf(2026), ['Bornholms Politi']);
  t.same(await hostsOf(2027), [municipality.name], 'the municipality has not hosted yet');
  t.same(await hostsOf(2028), ['Bornholms Politi']);
  const unwilling = await app.inject({
    method: 'PUT',
    url: `/api/areas/${bornholm.id}/members/${municipality.organisationId}`,
    headers: as.facilitator,
    payload: { memberRole: 'member', willingToHost: false },
  });
  t.equal(unwilling.statusCode, 200);
  t.same(await hostsOf(2029), ['Bornholms Politi'], 'an unwilling municipality is skipped');
});
