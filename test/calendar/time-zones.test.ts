import { tzScan } from '@date-fns/tz';
import fc from 'fast-check';
import ICAL from 'ical.js';
import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { buildMeetingCalendar } from '../../server/calendar/icalendar.ts';
import { utcToZoned, zonedToUtc } from '../../server/planning/days.ts';
import { buildTestApp } from '../helpers/app.ts';
import { calendarOf, startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

/** Zones on five continents, with northern, southern, half-hour and recently changed rules. */
const zones = [
  'Europe/Copenhagen',
  'Europe/London',
  'Atlantic/Faroe',
  'America/Nuuk',
  'America/New_York',
  'America/Santiago',
  'America/Sao_Paulo',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Asia/Tokyo',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
];

/** Local dates of each zone's offset changes from 2025 to 2035; zones without any get 1 July. */
const changeDays = new Map(
  zones.map((zone) => {
    const changes = tzScan(zone, {
      start: new Date('2025-01-01T00:00:00Z'),
      end: new Date('2036-01-01T00:00:00Z'),
    });
    const days = changes.map((c) => utcToZoned(c.date.toISOString(), zone).date);
    return [zone, days.length > 0 ? days : ['2030-07-01']];
  }),
);

function readStart(text: string): { wall: string; tzid: string; instant: string; defined: boolean } {
  const root = new ICAL.Component(ICAL.parse(text));
  const vevent = root.getFirstSubcomponent('vevent')!;
  const property = vevent.getFirstProperty('dtstart')!;
  const tzid = String(property.getParameter('tzid'));
  const vtimezone = root
    .getAllSubcomponents('vtimezone')
    .find((z) => z.getFirstPropertyValue('tzid') === tzid);
  const time = (property.getFirstValue() as ICAL.Time).clone();
  const wall = time.toString();
  if (vtimezone) time.zone = new ICAL.Timezone(vtimezone);
  return { wall, tzid, instant: time.toJSDate().toISOString(), defined: vtimezone !== undefined };
}

t.test(
  'around every clock change on five continents, ical.js reads back the planned wall time',
  async (t) => {
    const planned = fc.constantFrom(...zones).chain((zone) =>
      fc.record({
        zone: fc.constant(zone),
        day: fc.constantFrom(...changeDays.get(zone)!),
        shift: fc.integer({ min: -2, max: 2 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.constantFrom(0, 15, 30, 45),
      }),
    );
    const property = () =>
      fc.assert(
        fc.property(planned, ({ zone, day, shift, hour, minute }) => {
          const date = new Date(Date.parse(`${day}T00:00:00Z`) + shift * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const startsAt = zonedToUtc(date, time, zone);
          const local = utcToZoned(startsAt, zone);
          const endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString();
          const read = readStart(
            buildMeetingCalendar('REQUEST', [
              { uid: 'tz@samraad.test', sequence: 0, startsAt, endsAt, timeZone: zone, summary: 'Møde' },
            ]),
          );
          const exists = local.date === date && local.time === time;
          return (
            read.defined &&
            read.tzid === zone &&
            // the planned wall time; a time the clocks skip is planned at the one after the gap
            read.wall === `${local.date}T${local.time}:00` &&
            (exists || `${local.date}T${local.time}` > `${date}T${time}`) &&
            (read.instant === startsAt || sameWallTime(zone, startsAt, read.instant))
          );
        }),
        { numRuns: 500 },
      );
    t.doesNotThrow(property, '500 planned meetings near clock changes');
  },
);

/**
 * A wall time that occurs twice (the clocks going back): RFC 5545 and the planner take the first,
 * ical.js the second; both are the planned wall time.
 */
function sameWallTime(zone: string, planned: string, read: string): boolean {
  const a = utcToZoned(planned, zone);
  const b = utcToZoned(read, zone);
  return a.date === b.date && a.time === b.time;
}

t.test('a programme in America/Nuuk gets invitations at the planned local time', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as } = await buildTestApp(t, {
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Samråd <noreply@samraad.test>',
  });
  const { people } = bornholmWithPeople(app.db);
  const area = prepared(app.db, 'SELECT id FROM area WHERE seed_key = ?').get('dk:area:politikreds:1471') as {
    id: number;
  };
  // Greenland's rules changed in 2023 (-03 became -02, with summer time at -01): 2029 is the new rules
  const plan = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: as.facilitator,
    payload: {
      year: 2029,
      settings: {
        areaIds: [area.id],
        timeZone: 'America/Nuuk',
        startTime: '09:30',
        endTime: '13:00',
        // the week after Easter: the days before it are kept free in Danish planning
        periodStart: '2029-04-09',
        periodEnd: '2029-04-13',
        facilitatorIds: [people.facilitator],
      },
    },
  });
  t.equal(plan.statusCode, 201, plan.body);
  const meeting = plan.json().meetings[0] as { id: number; localDate: string };
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${meeting.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.statusCode, 200, sent.body);
  await smtp.waitFor(1);
  const calendar = calendarOf(smtp.received[0]!.parsed);
  const read = readStart(calendar.text);
  t.equal(read.tzid, 'America/Nuuk');
  t.ok(read.defined, 'the invitation defines America/Nuuk in a VTIMEZONE');
  t.equal(read.wall, `${meeting.localDate}T09:30:00`, 'the planned wall time');
  t.equal(read.instant, `${meeting.localDate}T10:30:00.000Z`, 'summer time in Nuuk is UTC-1');
});

t.test('a meeting in Atlantic/Faroe on the day after the clocks go back', async (t) => {
  const startsAt = zonedToUtc('2027-11-01', '10:00', 'Atlantic/Faroe');
  t.equal(startsAt, '2027-11-01T10:00:00.000Z', 'winter time in the Faroes is UTC');
  const read = readStart(
    buildMeetingCalendar('REQUEST', [
      {
        uid: 'faroe@samraad.test',
        sequence: 0,
        startsAt,
        endsAt: '2027-11-01T12:00:00.000Z',
        timeZone: 'Atlantic/Faroe',
        summary: 'Møde i Tórshavn',
      },
    ]),
  );
  t.same(read, { wall: '2027-11-01T10:00:00', tzid: 'Atlantic/Faroe', instant: startsAt, defined: true });
});

t.test(
  'the time zone names in the calendar are the customary ones: CET and CEST in Copenhagen and Oslo',
  async (t) => {
    /** Each observance's kind, offset and name as ical.js reads them, each once. */
    const names = (timeZone: string) => {
      const calendar = buildMeetingCalendar('REQUEST', [
        {
          uid: `names-${timeZone}@samraad.test`,
          sequence: 0,
          startsAt: '2027-03-03T08:00:00.000Z',
          endsAt: '2027-03-03T14:00:00.000Z',
          timeZone,
          summary: 'Møde',
        },
      ]);
      const zone = new ICAL.Component(ICAL.parse(calendar)).getFirstSubcomponent('vtimezone')!;
      const seen = zone
        .getAllSubcomponents()
        .map(
          (o) => `${o.name} ${o.getFirstPropertyValue('tzoffsetto')} ${o.getFirstPropertyValue('tzname')}`,
        );
      return [...new Set(seen)].sort();
    };
    for (const zone of ['Europe/Copenhagen', 'Europe/Oslo'])
      t.same(names(zone), ['daylight +02:00 CEST', 'standard +01:00 CET'], zone);
    t.same(names('Europe/London'), ['daylight +01:00 BST', 'standard +00:00 GMT']);
    t.same(names('America/New_York'), ['daylight -04:00 EDT', 'standard -05:00 EST']);
    // no customary abbreviation in British or US English: the offset, as before
    t.same(names('Asia/Tokyo'), ['standard +09:00 GMT+9']);
  },
);
