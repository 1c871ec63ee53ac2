import fc from 'fast-check';
import ICAL from 'ical.js';
import t from 'tap';
import { foldLine } from '../../server/calendar/ical-text.ts';
import { buildMeetingCalendar } from '../../server/calendar/icalendar.ts';

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const zones = new Map(
    root
      .getAllSubcomponents('vtimezone')
      .map((z) => [String(z.getFirstPropertyValue('tzid')), new ICAL.Timezone(z)]),
  );
  const vevents = root.getAllSubcomponents('vevent');
  const instant = (vevent: ICAL.Component, name: string) => {
    const prop = vevent.getFirstProperty(name)!;
    const time = (prop.getFirstValue() as ICAL.Time).clone();
    const tzid = prop.getParameter('tzid');
    if (tzid) time.zone = zones.get(String(tzid))!;
    return time.toJSDate().toISOString();
  };
  return { root, vevents, instant, zones };
}

const base = {
  uid: 'fast-check@samraad.test',
  sequence: 3,
  timeZone: 'Europe/Copenhagen',
  summary: 'Politikredsmøde',
  organizer: { name: 'Samråd', email: 'samraad@example.test' },
  attendees: [{ name: 'A', email: 'a@example.test' }],
};

t.test('any meeting time during the day survives the round trip through TZID + VTIMEZONE', async (t) => {
  // 06:00–22:00 UTC keeps clear of the hour that occurs twice when the clocks go back
  const instants = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2037-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map(
      (d) =>
        new Date(
          Date.UTC(
            d.getUTCFullYear(),
            d.getUTCMonth(),
            d.getUTCDate(),
            6 + (d.getUTCHours() % 16),
            d.getUTCMinutes(),
          ),
        ),
    );
  const zones = fc.constantFrom('Europe/Copenhagen', 'Europe/Oslo', 'Europe/Stockholm');
  const property = () =>
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 30, max: 600 }), (start, timeZone, minutes) => {
        const end = new Date(start.getTime() + minutes * 60_000);
        const text = buildMeetingCalendar('REQUEST', [
          { ...base, timeZone, startsAt: start.toISOString(), endsAt: end.toISOString() },
        ]);
        const { vevents, instant, zones: defined } = parse(text);
        const vevent = vevents[0]!;
        return (
          defined.has(timeZone) &&
          vevent.getFirstProperty('dtstart')!.getParameter('tzid') === timeZone &&
          instant(vevent, 'dtstart') === start.toISOString() &&
          instant(vevent, 'dtend') === end.toISOString()
        );
      }),
      { numRuns: 300 },
    );
  t.doesNotThrow(property, '300 random meetings');
});

t.test('the days the clocks change', async (t) => {
  for (const [utc, local] of [
    ['2027-03-28T08:00:00.000Z', '2027-03-28T10:00:00'], // summer time from 02:00 that night
    ['2027-03-27T08:00:00.000Z', '2027-03-27T09:00:00'],
    ['2027-10-31T08:00:00.000Z', '2027-10-31T09:00:00'], // winter time from 03:00 that night
    ['2027-10-30T08:00:00.000Z', '2027-10-30T10:00:00'],
  ] as const) {
    const text = buildMeetingCalendar('REQUEST', [{ ...base, startsAt: utc, endsAt: utc }]);
    const { vevents, instant } = parse(text);
    t.equal(String(vevents[0]!.getFirstPropertyValue('dtstart')), local, `${utc} is ${local} in Copenhagen`);
    t.equal(instant(vevents[0]!, 'dtstart'), utc);
  }
});

t.test('RFC 5545 text: CRLF, folded at 75 octets, escaped', async (t) => {
  const description = `${'Dagsorden; punkt, med komma og æøå '.repeat(8)}\nNy linje`;
  const text = buildMeetingCalendar('REQUEST', [
    { ...base, startsAt: '2027-03-12T08:00:00Z', endsAt: '2027-03-12T10:00:00Z', description },
  ]);
  t.notMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends in CRLF');
  for (const line of text.split('\r\n')) t.ok(Buffer.byteLength(line) <= 75, 'no line longer than 75 octets');
  const { vevents } = parse(text);
  t.equal(vevents[0]!.getFirstPropertyValue('description'), description, 'ical.js reads back the same text');
});

t.test(
  'folding: any text, lines of at most 75 octets, unfolded back to itself, no character split',
  async (t) => {
    // lone surrogates out of the input; a surrogate alone in a folded line means a character was split
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
    const wellFormed = (s: string) => s.replace(loneSurrogate, 'x');
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 })),
        (raw) => {
          const line = `DESCRIPTION:${wellFormed(raw)}`;
          const folded = foldLine(line);
          const physical = folded.slice(0, -2).split('\r\n');
          return (
            folded.endsWith('\r\n') &&
            physical.every((l, i) => Buffer.byteLength(l) <= 75 && (i === 0 || l.startsWith(' '))) &&
            physical.every((l) => wellFormed(l) === l) &&
            physical.join('\r\n').replace(/\r\n /g, '') === line
          );
        },
      ),
      { numRuns: 300 },
    );
    // octets of each physical line, counted by Buffer (not by foldLine's own sizes)
    const octets = (line: string) =>
      foldLine(line)
        .split('\r\n')
        .map((l) => Buffer.byteLength(l));
    t.same(
      octets(`DESCRIPTION:${'a'.repeat(200)}`),
      [75, 75, 64, 0],
      'ASCII: 75 octets, then a space and 74 (212 octets: 75 + 74 + 63)',
    );
    t.equal(foldLine('SUMMARY:kort'), 'SUMMARY:kort\r\n', 'a short line as it is');
    t.same(
      octets(`DESCRIPTION:${'😀'.repeat(40)}`),
      [72, 73, 29, 0],
      'four-octet characters are never split: 12 + 15 × 4 octets, then a space and 18 × 4, then 7',
    );
    t.pass('300 generated lines folded right');
  },
);

t.test('PUBLISH feeds: several meetings, no attendees, the stamp of the last change', async (t) => {
  const text = buildMeetingCalendar(
    'PUBLISH',
    [
      {
        uid: 'one@samraad.test',
        sequence: 0,
        startsAt: '2027-03-12T08:00:00Z',
        endsAt: '2027-03-12T10:00:00Z',
        timeZone: 'Europe/Copenhagen',
        summary: 'Et',
        stamp: '2026-11-01T10:00:00.000Z',
        lastModified: '2026-11-01T10:00:00.000Z',
      },
      {
        uid: 'two@samraad.test',
        sequence: 2,
        startsAt: '2027-04-12T08:00:00Z',
        endsAt: '2027-04-12T10:00:00Z',
        timeZone: 'Europe/Copenhagen',
        summary: 'To',
        cancelled: true,
        stamp: '2026-11-02T10:00:00.000Z',
      },
    ],
    { name: 'Bornholms Politi' },
  );
  const { root, vevents } = parse(text);
  t.equal(root.getFirstPropertyValue('method'), 'PUBLISH');
  t.equal(root.getAllSubcomponents('vtimezone').length, 1, 'one VTIMEZONE for the zone both use');
  t.equal(vevents.length, 2);
  t.equal(vevents[0]!.getAllProperties('attendee').length, 0);
  t.equal(vevents[0]!.getFirstProperty('organizer'), null);
  t.equal(String(vevents[0]!.getFirstPropertyValue('dtstamp')), '2026-11-01T10:00:00Z');
  t.ok(vevents[0]!.getFirstPropertyValue('last-modified'));
  t.equal(vevents[1]!.getFirstPropertyValue('status'), 'CANCELLED');
});

t.test('delegation shows in the attendee parameters', async (t) => {
  const text = buildMeetingCalendar('REQUEST', [
    {
      ...base,
      startsAt: '2027-03-12T08:00:00Z',
      endsAt: '2027-03-12T10:00:00Z',
      attendees: [
        {
          name: 'Leder',
          email: 'leder@example.test',
          answer: 'delegated',
          delegatedTo: 'kollega@example.test',
        },
        { name: 'Kollega', email: 'kollega@example.test', delegatedFrom: 'leder@example.test' },
      ],
    },
  ]);
  const [leader, colleague] = parse(text).vevents[0]!.getAllProperties('attendee');
  t.equal(leader!.getParameter('partstat'), 'DELEGATED');
  t.match(String(leader!.getParameter('delegated-to')), /kollega@example\.test/i);
  t.match(String(colleague!.getParameter('delegated-from')), /leder@example\.test/i);
});
