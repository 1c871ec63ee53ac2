import { tzOffset, tzScan } from '@date-fns/tz';
import fc from 'fast-check';
import t from 'tap';
import { foldLine, lineValue, paramValue, plainText, textValue } from '../../server/calendar/ical-text.ts';
import {
  type AttendeeAnswer,
  buildMeetingCalendar,
  type CalendarMeeting,
  type CalendarMethod,
} from '../../server/calendar/icalendar.ts';
import { isKnownTimeZone, vtimezone, vtimezoneWindow, wallClock } from '../../server/calendar/time-zones.ts';

/**
 * The calendar code as it was before its fast paths (ical-text.ts, time-zones.ts, icalendar.ts),
 * kept here as the reference: the fast code must write the same bytes for every input.
 */
namespace reference {
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it removes
  const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

  export function plainText(value: string): string {
    return value.replace(loneSurrogate, '\uFFFD').replace(/\r\n?/g, '\n').replace(controls, '');
  }

  export function textValue(value: string): string {
    return plainText(value)
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n');
  }

  export function lineValue(value: string): string {
    return plainText(value)
      .replace(/[\n\t]/g, ' ')
      .trim();
  }

  export function paramValue(value: string): string {
    const text = plainText(value);
    if (/^[A-Za-z0-9/_.+-]+$/.test(text)) return text;
    const escaped = text
      .replace(/\\(?=[\\;,nN])/g, '\\\\')
      .replace(/\^/g, '^^')
      .replace(/"/g, "^'")
      .replace(/\n/g, '^n');
    return `"${escaped}"`;
  }

  export function foldLine(line: string): string {
    const octetsInAll = Buffer.byteLength(line);
    if (octetsInAll <= 75) return `${line}\r\n`;
    if (octetsInAll === line.length) {
      let out = line.slice(0, 75);
      for (let at = 75; at < line.length; at += 74) out += `\r\n ${line.slice(at, at + 74)}`;
      return `${out}\r\n`;
    }
    let out = '';
    let octets = 0;
    for (const ch of line) {
      const point = ch.codePointAt(0)!;
      const size = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
      if (octets + size > 75) {
        out += '\r\n ';
        octets = 1;
      }
      out += ch;
      octets += size;
    }
    return `${out}\r\n`;
  }

  const MINUTE = 60_000;
  const YEAR = 366 * 24 * 60 * MINUTE;

  export function wallClock(instant: Date, timeZone: string): Date {
    return new Date(instant.getTime() + tzOffset(timeZone, instant) * MINUTE);
  }

  export function isKnownTimeZone(timeZone: string): boolean {
    return !Number.isNaN(tzOffset(timeZone, new Date(0))) && timeZone.includes('/');
  }

  interface Transition {
    at: number;
    from: number;
    to: number;
  }

  function transitions(timeZone: string, start: number, end: number): Transition[] {
    return tzScan(timeZone, { start: new Date(start), end: new Date(end) }).map((change) => {
      const to = change.offset;
      let before = change.date.getTime() - 60 * MINUTE;
      let after = change.date.getTime();
      const from = tzOffset(timeZone, new Date(before));
      while (after - before > MINUTE) {
        const middle = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
        if (tzOffset(timeZone, new Date(middle)) === from) before = middle;
        else after = middle;
      }
      return { at: after, from, to };
    });
  }

  function offsetText(minutes: number): string {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  }

  function localText(instant: number, offsetMinutes: number): string {
    return new Date(instant + offsetMinutes * MINUTE)
      .toISOString()
      .replace(/\.\d{3}Z$/, '')
      .replace(/[-:]/g, '');
  }

  /** The zone's short name in British English, or in US English where the British one is an offset. */
  function zoneName(timeZone: string, at: number): string {
    const inLocale = (locale: string) =>
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')!
        .value.replace(/[^\w+-]/g, '');
    const british = inLocale('en-GB');
    return /^GMT[+-]/.test(british) ? inLocale('en-US') : british;
  }

  function observance(kind: 'STANDARD' | 'DAYLIGHT', timeZone: string, t: Transition): string[] {
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localText(t.at, t.from)}`,
      `TZOFFSETFROM:${offsetText(t.from)}`,
      `TZOFFSETTO:${offsetText(t.to)}`,
      `TZNAME:${zoneName(timeZone, t.at)}`,
      `END:${kind}`,
    ];
  }

  // kept, as before, so that a window is scanned once per test run and not once per calendar
  const blocks = new Map<string, string>();

  export function vtimezone(timeZone: string, start: number, end: number): string | null {
    if (!isKnownTimeZone(timeZone)) return null;
    const key = `${timeZone} ${start} ${end}`;
    const cached = blocks.get(key);
    if (cached !== undefined) return cached;
    const initial = tzOffset(timeZone, new Date(start));
    const changes = [{ at: start, from: initial, to: initial }, ...transitions(timeZone, start, end + YEAR)];
    const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
    for (const t of changes) {
      if (t.at > end) break;
      const yearAfter = changes.filter((n) => n.at > t.at && n.at <= t.at + YEAR).map((n) => n.to);
      const daylight = t.to > Math.min(t.to, ...yearAfter);
      lines.push(...observance(daylight ? 'DAYLIGHT' : 'STANDARD', timeZone, t));
    }
    lines.push('END:VTIMEZONE', '');
    const block = lines.join('\r\n');
    blocks.set(key, block);
    return block;
  }

  export function vtimezoneWindow(instants: (string | Date)[]): (timeZone: string) => string | null {
    const years = instants.map((i) => new Date(i).getUTCFullYear());
    const first = Math.min(...years, new Date().getUTCFullYear());
    const last = Math.max(...years, new Date().getUTCFullYear());
    const start = Date.UTC(first - 1, 0, 1);
    const end = Date.UTC(last + 2, 0, 1);
    return (timeZone) => vtimezone(timeZone, start, end);
  }

  const partstat: Record<AttendeeAnswer, string> = {
    needs_action: 'NEEDS-ACTION',
    accepted: 'ACCEPTED',
    tentative: 'TENTATIVE',
    declined: 'DECLINED',
    delegated: 'DELEGATED',
  };

  function dateTime(d: Date, utc: boolean): string {
    const iso = d
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, '');
    return utc ? `${iso}Z` : iso;
  }

  function line(name: string, value: string, params: [string, string][] = []): string {
    return foldLine(`${name}${params.map(([k, v]) => `;${k}=${v}`).join('')}:${value}`);
  }

  function calAddress(email: string): string {
    return `mailto:${lineValue(email).replace(/^mailto:/i, '')}`;
  }

  function timeLine(name: string, value: string | Date, timeZone: string): string {
    const instant = new Date(value);
    if (!isKnownTimeZone(timeZone)) return line(name, dateTime(instant, true));
    return line(name, dateTime(wallClock(instant, timeZone), false), [['TZID', paramValue(timeZone)]]);
  }

  function eventOf(m: CalendarMeeting, method: CalendarMethod): string {
    const cancelled = method === 'CANCEL' || m.cancelled === true;
    let out = 'BEGIN:VEVENT\r\n';
    out += line('UID', textValue(m.uid));
    out += line('SEQUENCE', String(Math.trunc(m.sequence)));
    out += line('DTSTAMP', dateTime(m.stamp ? new Date(m.stamp) : new Date(), true));
    out += timeLine('DTSTART', m.startsAt, m.timeZone);
    out += timeLine('DTEND', m.endsAt, m.timeZone);
    out += line('SUMMARY', textValue(m.summary));
    if (m.location) out += line('LOCATION', textValue(m.location));
    if (m.description) out += line('DESCRIPTION', textValue(m.description));
    if (m.organizer) {
      const name = plainText(m.organizer.name) || lineValue(m.organizer.email);
      out += line('ORGANIZER', `mailto:${lineValue(m.organizer.email)}`, [
        ['CN', paramValue(name)],
        ['SCHEDULE-AGENT', 'SERVER'],
      ]);
    }
    for (const a of m.attendees ?? []) {
      const params: [string, string][] = [];
      const name = a.name && plainText(a.name);
      if (name) params.push(['CN', paramValue(name)]);
      if (a.delegatedTo) params.push(['DELEGATED-TO', paramValue(calAddress(a.delegatedTo))]);
      if (a.delegatedFrom) params.push(['DELEGATED-FROM', paramValue(calAddress(a.delegatedFrom))]);
      params.push(['ROLE', 'REQ-PARTICIPANT'], ['PARTSTAT', partstat[a.answer ?? 'needs_action']]);
      if (method === 'REQUEST') params.push(['RSVP', 'TRUE']);
      out += line('ATTENDEE', `MAILTO:${lineValue(a.email)}`, params);
    }
    if (m.url) out += line('URL', lineValue(m.url), [['VALUE', 'URI']]);
    out += line('STATUS', cancelled ? 'CANCELLED' : 'CONFIRMED');
    if (m.lastModified) out += line('LAST-MODIFIED', dateTime(new Date(m.lastModified), true));
    if (method === 'REQUEST') out += line('X-MICROSOFT-DISALLOW-COUNTER', 'TRUE');
    return `${out}END:VEVENT\r\n`;
  }

  function duration(seconds: number): string {
    const s = Math.max(0, Math.trunc(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = s % 60;
    return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${rest || s === 0 ? `${rest}S` : ''}`;
  }

  export function buildMeetingCalendar(
    method: CalendarMethod,
    meetings: CalendarMeeting[],
    options: { name?: string; ttl?: number } = {},
  ): string {
    let out = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n';
    out += line('PRODID', '-//Samraad//Samraad//DA');
    out += line('METHOD', method);
    if (options.name) {
      out += line('NAME', textValue(options.name));
      out += line('X-WR-CALNAME', textValue(options.name));
    }
    if (options.ttl) {
      out += line('REFRESH-INTERVAL', duration(options.ttl), [['VALUE', 'DURATION']]);
      out += line('X-PUBLISHED-TTL', duration(options.ttl));
    }
    const vtimezone = vtimezoneWindow(meetings.flatMap((m) => [m.startsAt, m.endsAt]));
    for (const zone of new Set(meetings.map((m) => m.timeZone))) out += vtimezone(zone) ?? '';
    for (const m of meetings) out += eventOf(m, method);
    return `${out}END:VCALENDAR\r\n`;
  }
}

// the characters each rule is about, single and in runs, among any UTF-16 unit
const special = fc.constantFrom(
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uD83D\uDE00',
  '\uD83D\uDE00\uDE00',
  '\uD83D\uD83D\uDE00',
  '\r',
  '\n',
  '\r\n',
  '\r\r\n',
  '\t',
  '\u0000',
  '\u0001',
  '\u000B',
  '\u001F',
  '\u007F',
  '\u0080',
  '\u009F',
  '\u00A0',
  '\u2028',
  '\uFEFF',
  ' ',
  '"',
  "'",
  '^',
  '^n',
  '\\',
  '\\n',
  '\\N',
  '\\;',
  '\\,',
  '\\\\',
  ';',
  ',',
  ':',
  '=',
  'mailto:',
  'MAILTO:',
  'n',
  'N',
  'æ',
  'ø',
  'å',
  'Ü',
  '€',
  '–',
  '日本',
  'Deltager ',
  'a-b_c.d+e/f',
);
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  fc.string({ unit: fc.oneof(special, anyUnit, ascii, ascii), maxLength: 40 }),
  fc.string({ unit: fc.oneof(special, ascii, ascii, ascii), minLength: 20, maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
  fc.constantFrom('', 'Samråd', 'Deltager 1-x', 'plain-token', 'a@example.test', ' \t'),
);

t.test(
  'plainText, textValue, lineValue, paramValue, foldLine: the same as before for any text',
  async (t) => {
    const functions = [
      ['plainText', plainText, reference.plainText],
      ['textValue', textValue, reference.textValue],
      ['lineValue', lineValue, reference.lineValue],
      ['paramValue', paramValue, reference.paramValue],
      ['foldLine', foldLine, reference.foldLine],
    ] as const;
    for (const [name, fast, before] of functions) {
      const property = () =>
        fc.assert(
          fc.property(text, (value) => fast(value) === before(value)),
          { numRuns: 3000 },
        );
      t.doesNotThrow(property, `${name}: 3000 random texts`);
    }
    // characters of every UTF-8 length, lone surrogates too, on the boundaries and in long runs
    const sized = fc.constantFrom(
      'a',
      '\u007F',
      '\u0080',
      'æ',
      '\u07FF',
      '\u0800',
      '€',
      '\uFFFF',
      '😀',
      '\uD800',
      '\uDC00',
      '\uDBFF\uDFFF',
    );
    const nearFold = fc.oneof(
      fc
        .tuple(fc.integer({ min: 60, max: 160 }), fc.string({ unit: sized, maxLength: 12 }))
        .map(([n, tail]) => `${'x'.repeat(n)}${tail}${'y'.repeat(n % 7)}`),
      fc.string({ unit: fc.oneof(sized, fc.constant('x')), minLength: 20, maxLength: 300 }),
    );
    t.doesNotThrow(
      () =>
        fc.assert(
          fc.property(nearFold, (line) => foldLine(line) === reference.foldLine(line)),
          { numRuns: 2000 },
        ),
      'foldLine: 2000 lines around the 75- and 149-octet boundaries or of many multi-octet characters',
    );
  },
);

const zones = [
  'Europe/Copenhagen',
  'Europe/Oslo',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kathmandu',
  'UTC',
  'Etc/UTC',
  'Mars/Olympus_Mons',
  '+01:00',
  '',
] as const;
const zone = fc.constantFrom(...zones);
// 2024–2029: a window of a few years, so the reference scans each zone's changes once per run
const instant = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2029-12-31T23:59:59Z'),
  noInvalidDate: true,
});
// DTSTAMP and LAST-MODIFIED open no window: any valid date, years of five and six digits too
const anyInstant = fc.oneof(
  instant,
  fc.date({ noInvalidDate: true }),
  fc.constantFrom(new Date('+010000-01-01T00:00:00Z'), new Date('-000001-12-31T23:59:59.999Z')),
);

t.test('wallClock, isKnownTimeZone, vtimezone, vtimezoneWindow: the same as before', async (t) => {
  t.doesNotThrow(
    () =>
      fc.assert(
        fc.property(zone, instant, (timeZone, at) => {
          const known = isKnownTimeZone(timeZone);
          if (known !== reference.isKnownTimeZone(timeZone)) return false;
          // the offset of an unknown zone is NaN: an invalid date both ways
          return Object.is(wallClock(at, timeZone).getTime(), reference.wallClock(at, timeZone).getTime());
        }),
        { numRuns: 2000 },
      ),
    'wallClock and isKnownTimeZone: 2000 random zones and instants',
  );
  // past the 10,000 offsets kept, the map starts over: 12,000 hours of two zones, each asked twice
  const hours = Array.from({ length: 6000 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000));
  const walls = (zone: string) => hours.map((at) => wallClock(at, zone).getTime());
  const before = (zone: string) => hours.map((at) => reference.wallClock(at, zone).getTime());
  const zonesAsked = ['Europe/Copenhagen', 'Australia/Lord_Howe'];
  const first = zonesAsked.map(walls);
  t.same(
    [...first, ...zonesAsked.map(walls)],
    [...zonesAsked.map(before), ...zonesAsked.map(before)],
    'wallClock over 12,000 instants, twice',
  );
  t.doesNotThrow(
    () =>
      fc.assert(
        fc.property(
          zone,
          fc.array(
            fc.oneof(
              instant,
              instant.map((d) => d.toISOString()),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          (timeZone, instants) =>
            vtimezoneWindow(instants)(timeZone) === reference.vtimezoneWindow(instants)(timeZone) &&
            vtimezone(timeZone, Date.UTC(2025, 0, 1), Date.UTC(2027, 0, 1)) ===
              reference.vtimezone(timeZone, Date.UTC(2025, 0, 1), Date.UTC(2027, 0, 1)),
        ),
        { numRuns: 300 },
      ),
    'vtimezone blocks: 300 random zones and windows',
  );
});

const answer = fc.constantFrom<AttendeeAnswer>(
  'needs_action',
  'accepted',
  'tentative',
  'declined',
  'delegated',
);
const attendee = fc.record(
  {
    name: text,
    email: text,
    answer,
    delegatedTo: fc.option(text),
    delegatedFrom: fc.option(text),
  },
  { requiredKeys: ['name', 'email'] },
);
const meeting = fc
  .record(
    {
      uid: text,
      sequence: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: -5, max: 5, noNaN: true })),
      startsAt: fc.oneof(
        instant,
        instant.map((d) => d.toISOString()),
      ),
      minutes: fc.integer({ min: 0, max: 3000 }),
      timeZone: zone,
      summary: text,
      description: fc.option(text),
      location: fc.option(text),
      cancelled: fc.boolean(),
      organizer: fc.option(fc.record({ name: text, email: text })),
      attendees: fc.array(attendee, { maxLength: 30 }),
      stamp: anyInstant,
      lastModified: fc.option(anyInstant),
      url: fc.option(text),
    },
    { requiredKeys: ['uid', 'sequence', 'startsAt', 'minutes', 'timeZone', 'summary', 'stamp'] },
  )
  .map(({ minutes, ...m }): CalendarMeeting => {
    const endsAt = new Date(new Date(m.startsAt).getTime() + minutes * 60_000);
    return { ...m, endsAt: typeof m.startsAt === 'string' ? endsAt.toISOString() : endsAt };
  });

t.test('buildMeetingCalendar: the same bytes as before for random meetings', async (t) => {
  const method = fc.constantFrom<CalendarMethod>('REQUEST', 'CANCEL', 'PUBLISH');
  const options = fc.record(
    { name: text, ttl: fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.double({ min: 0, max: 1e6 })) },
    { requiredKeys: [] },
  );
  t.doesNotThrow(
    () =>
      fc.assert(
        fc.property(
          method,
          fc.array(meeting, { minLength: 1, maxLength: 3 }),
          options,
          (m, meetings, o) =>
            buildMeetingCalendar(m, meetings, o) === reference.buildMeetingCalendar(m, meetings, o),
        ),
        { numRuns: 400 },
      ),
    '400 random calendars',
  );
  // a DTSTAMP of the time of writing: the same but for that one line
  const now = {
    uid: 'now@samraad.test',
    sequence: 0,
    startsAt: '2027-03-01T08:00:00Z',
    endsAt: '2027-03-01T09:00:00Z',
  };
  const withoutStamp = (s: string) => s.replace(/^DTSTAMP:.*\r\n/m, '');
  for (const timeZone of zones) {
    const meetings = [{ ...now, timeZone, summary: 'Møde', attendees: [{ name: 'A', email: 'a@x.test' }] }];
    t.equal(
      withoutStamp(buildMeetingCalendar('REQUEST', meetings)),
      withoutStamp(reference.buildMeetingCalendar('REQUEST', meetings)),
      `no stamp, ${timeZone || 'no zone'}`,
    );
  }
});

t.test(
  'the same attendee list written again, as it is or changed in place: the same as before',
  async (t) => {
    // a change to the list between two calendars: a field of one attendee, one more, one fewer, or none
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('text' as const),
        at: fc.nat(),
        field: fc.constantFrom('name', 'email'),
        value: text,
      }),
      fc.record({
        kind: fc.constant('delegation' as const),
        at: fc.nat(),
        field: fc.constantFrom('delegatedTo', 'delegatedFrom'),
        value: fc.option(text, { nil: undefined }),
      }),
      fc.record({ kind: fc.constant('answer' as const), at: fc.nat(), value: answer }),
      fc.record({ kind: fc.constantFrom('push' as const), value: attendee }),
      fc.record({ kind: fc.constantFrom('pop' as const, 'none' as const) }),
    );
    const method = fc.constantFrom<CalendarMethod>('REQUEST', 'CANCEL', 'PUBLISH');
    t.doesNotThrow(
      () =>
        fc.assert(
          fc.property(meeting, fc.array(fc.tuple(change, method), { maxLength: 8 }), (m, steps) => {
            const attendees = m.attendees ?? [];
            const meetings = [{ ...m, attendees }];
            if (
              buildMeetingCalendar('REQUEST', meetings) !==
              reference.buildMeetingCalendar('REQUEST', meetings)
            )
              return false;
            for (const [c, how] of steps) {
              const a = attendees.length ? attendees[('at' in c ? c.at : 0) % attendees.length]! : null;
              if ((c.kind === 'text' || c.kind === 'delegation') && a)
                Object.assign(a, { [c.field]: c.value });
              if (c.kind === 'answer' && a) a.answer = c.value;
              if (c.kind === 'push') attendees.push(c.value);
              if (c.kind === 'pop') attendees.pop();
              if (buildMeetingCalendar(how, meetings) !== reference.buildMeetingCalendar(how, meetings))
                return false;
            }
            return true;
          }),
          { numRuns: 300 },
        ),
      '300 lists, each written after up to 8 changes',
    );
  },
);
