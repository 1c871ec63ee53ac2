import fc from 'fast-check';
import ICAL from 'ical.js';
import t from 'tap';
import { plainText } from '../../server/calendar/ical-text.ts';
import { buildMeetingCalendar, type CalendarMeeting } from '../../server/calendar/icalendar.ts';

// text that tries to break out: line breaks, the TEXT and parameter delimiters, carets, quotes
const hostile = fc.constantFrom(
  '\r\n',
  '\n',
  '\r',
  ';',
  ',',
  '\\',
  ':',
  '"',
  "'",
  '^',
  '^n',
  '\\n',
  '\t',
  ' ',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'SUMMARY:Injected',
  'æøå',
  '😀',
);
const anyUnicode = fc.string({ unit: 'binary', maxLength: 20 });
/** What the boundary lets through: arbitrary Unicode and hostile pieces (no controls, no lone surrogates). */
const controls =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters the boundary refuses
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const accepted = fc
  .array(fc.oneof(hostile, anyUnicode), { maxLength: 8 })
  .map((parts) => parts.join('').replace(controls, ''));
/** Anything at all, for stored text older than the boundary's checks: any UTF-16 unit. */
const anything = fc
  .array(
    fc.oneof(
      hostile,
      anyUnicode,
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

function meetings(text: fc.Arbitrary<string>) {
  return fc.array(
    fc.record({
      summary: text,
      location: text,
      description: text,
      organizer: text,
      attendee: text,
    }),
    { minLength: 1, maxLength: 4 },
  );
}

function calendarOf(
  method: 'REQUEST' | 'PUBLISH',
  name: string,
  ms: { summary: string; location: string; description: string; organizer: string; attendee: string }[],
) {
  const events: CalendarMeeting[] = ms.map((m, i) => ({
    uid: `m${i}@samraad.test`,
    sequence: 0,
    startsAt: '2027-03-12T08:00:00Z',
    endsAt: '2027-03-12T10:00:00Z',
    timeZone: 'Europe/Copenhagen',
    summary: m.summary,
    location: m.location,
    description: m.description,
    organizer: { name: m.organizer, email: 'samraad@example.test' },
    attendees: [{ name: m.attendee, email: `a${i}@example.test` }],
  }));
  return buildMeetingCalendar(method, events, { name, ttl: 3600 });
}

/** NAME (RFC 7986) and X-WR-CALNAME are TEXT; ical.js does not know them and leaves them raw. */
function unescapeText(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  return raw.replace(/\\\\|\\;|\\,|\\[Nn]/g, (e) => (e === '\\\\' ? '\\' : /n/i.test(e[1]!) ? '\n' : e[1]!));
}

/** Reads the file with ical.js and compares every text with what went in (after plainText). */
function readsBack(text: string, name: string, ms: Parameters<typeof calendarOf>[2]): boolean {
  const root = new ICAL.Component(ICAL.parse(text));
  const vevents = root.getAllSubcomponents('vevent');
  if (vevents.length !== ms.length) return false;
  if (root.getAllSubcomponents().length !== ms.length + 1) return false; // the events and one VTIMEZONE
  const expect = (v: string) => plainText(v);
  const same = (a: unknown, b: string) => (b === '' ? a === null || a === '' : a === b);
  if (!same(unescapeText(root.getFirstPropertyValue('name')), expect(name))) return false;
  if (!same(unescapeText(root.getFirstPropertyValue('x-wr-calname')), expect(name))) return false;
  return ms.every((m, i) => {
    const v = vevents[i]!;
    const organizer = v.getFirstProperty('organizer')!;
    const attendees = v.getAllProperties('attendee');
    return (
      v.getFirstPropertyValue('uid') === `m${i}@samraad.test` &&
      same(v.getFirstPropertyValue('summary'), expect(m.summary)) &&
      same(v.getFirstPropertyValue('location'), expect(m.location)) &&
      same(v.getFirstPropertyValue('description'), expect(m.description)) &&
      organizer.getParameter('cn') === (expect(m.organizer) || 'samraad@example.test') &&
      attendees.length === 1 &&
      (attendees[0]!.getParameter('cn') ?? '') === expect(m.attendee) &&
      attendees[0]!.getFirstValue() === `MAILTO:a${i}@example.test`
    );
  });
}

t.test('a title written to end the event gives one VEVENT with that exact title', async (t) => {
  const title = 'Møde\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected';
  const text = calendarOf('PUBLISH', title, [
    { summary: title, location: title, description: title, organizer: title, attendee: title },
  ]);
  const root = new ICAL.Component(ICAL.parse(text));
  t.equal(root.getAllSubcomponents('vevent').length, 1);
  t.equal(unescapeText(root.getFirstPropertyValue('x-wr-calname')), title.replace(/\r\n/g, '\n'));
  t.equal(
    root.getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary'),
    title.replace(/\r\n/g, '\n'),
  );
  t.notMatch(text, /\r\nSUMMARY:Injected/, 'no line of the file starts with the injected property');
});

t.test('any text the boundary accepts reads back exactly, one VEVENT per meeting', async (t) => {
  for (const method of ['REQUEST', 'PUBLISH'] as const) {
    t.doesNotThrow(
      () =>
        fc.assert(
          fc.property(accepted, meetings(accepted), (name, ms) =>
            readsBack(calendarOf(method, name, ms), name, ms),
          ),
          { numRuns: 400 },
        ),
      `400 random calendars (${method})`,
    );
  }
});

t.test('even stored text with controls or lone surrogates cannot break the file', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(anything, meetings(anything), (name, ms) => {
        const text = calendarOf('REQUEST', name, ms);
        // RFC 5545: no control characters but HTAB in content lines; CRLF only as line ends
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
        if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return false;
        if (/\r(?!\n)|(?<!\r)\n/.test(text)) return false;
        return readsBack(text, name, ms);
      }),
      { numRuns: 400 },
    ),
  );
});

t.test('a stored name of nothing but control characters gives no empty CN', async (t) => {
  const text = calendarOf('REQUEST', 'Møde', [
    { summary: 'Møde', location: '', description: '', organizer: '\u0000', attendee: '\u0007\u001b' },
  ]);
  const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
  t.equal(
    vevent.getFirstProperty('organizer')!.getParameter('cn'),
    'samraad@example.test',
    'the organizer is named by the address, as when no name is stored',
  );
  t.equal(vevent.getFirstProperty('attendee')!.getParameter('cn'), undefined, 'the attendee has no CN');
  t.notMatch(text, /CN=""/, 'no empty CN anywhere');
});
