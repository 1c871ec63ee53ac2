import ICAL from 'ical.js';
import { textLines } from '../text/lines.ts';

/**
 * The answers in a calendar reply's text (iTIP REPLY, RFC 5546): one item per (event, attendee).
 * The plain shape calendar programs send is read directly; anything else by ical.js, which reads
 * the same from the plain shape too (a differential test holds the two together).
 */

export interface ReplyItem {
  uid: string | null;
  attendee: string | null;
  partstat: string | null;
  /** The attendee's CN (for a delegate named in the same reply). */
  name: string | null;
  sentBy: string | null;
  /** DELEGATED-TO, with the delegate's CN when the reply lists them too. */
  delegate: { email: string; name: string | null } | null;
  comment: string | null;
  stamp: string | null;
}

export interface ReplyCalendar {
  method: string | null;
  items: ReplyItem[];
}

/** What a reader takes from a calendar text: its method and the events of its REPLY calendars. */
export interface ParsedReply {
  method: string | null;
  events: ReplyEvent[];
}

/** One event of a REPLY, as either reader parses it. */
export interface ReplyEvent {
  uid: string | null;
  /** DTSTAMP as ISO 8601. */
  stamp: string | null;
  comment: string | null;
  attendees: AttendeeLine[];
}

/** What an attendee line says: its value and the parameters read. */
export interface AttendeeLine {
  value: string | null;
  cn: string | null;
  partstat: string | null;
  delegatedTo: string | null;
  delegatedFrom: string | null;
  sentBy: string | null;
}

/** The REPLY items of one calendar text; [] for other methods; throws on text that is no iCalendar. */
export function readReplyCalendar(text: string): ReplyCalendar {
  const { method, events } = parsePlainReply(text) ?? parseReplyThroughIcalJs(text);
  const items: ReplyItem[] = [];
  for (const event of events) eventItems(event, items);
  return { method, items };
}

function mailto(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const address = value
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  return address || null;
}

/** The items of one REPLY event: the answers of its attendees. */
function eventItems(event: ReplyEvent, items: ReplyItem[]): void {
  const { attendees } = event;
  // the delegate may be listed in the same reply, with its name
  const names = new Map(attendees.map((a) => [mailto(a.value), a.cn]));
  for (const attendee of attendees.length ? attendees : [null]) {
    const delegatedTo = attendee ? mailto(attendee.delegatedTo) : null;
    const partstat = attendee ? (attendee.partstat?.toUpperCase() ?? null) : null;
    // an attendee listed only as the delegate (DELEGATED-FROM) is not answering
    if (attendee?.delegatedFrom && partstat !== 'DELEGATED' && attendees.length > 1) continue;
    items.push({
      uid: event.uid,
      attendee: attendee ? mailto(attendee.value) : null,
      partstat,
      name: attendee ? attendee.cn : null,
      sentBy: attendee ? mailto(attendee.sentBy) : null,
      delegate: delegatedTo ? { email: delegatedTo, name: names.get(delegatedTo) ?? null } : null,
      comment: event.comment,
      stamp: event.stamp,
    });
  }
}

function icalParam(prop: ICAL.Property, name: string): string | null {
  const value = prop.getParameter(name);
  return typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null;
}

const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** Any iCalendar text, parsed by ical.js. */
export function parseReplyThroughIcalJs(text: string): ParsedReply {
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const calendars = root.name === 'vcalendar' ? [root] : root.getAllSubcomponents('vcalendar');
  const events: ReplyEvent[] = [];
  let method: string | null = null;
  for (const calendar of calendars) {
    method = String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase() || null;
    if (method !== 'REPLY') continue;
    for (const event of calendar.getAllSubcomponents('vevent')) {
      const stamp = event.getFirstPropertyValue('dtstamp');
      events.push({
        uid: textOrNull(event.getFirstPropertyValue('uid')),
        stamp: stamp instanceof ICAL.Time ? stamp.toJSDate().toISOString() : null,
        comment: textOrNull(event.getFirstPropertyValue('comment')),
        attendees: event.getAllProperties('attendee').map((a) => ({
          value: textOrNull(a.getFirstValue()),
          cn: icalParam(a, 'cn'),
          partstat: icalParam(a, 'partstat'),
          delegatedTo: icalParam(a, 'delegated-to'),
          delegatedFrom: icalParam(a, 'delegated-from'),
          sentBy: icalParam(a, 'sent-by'),
        })),
      });
    }
  }
  return { method, events };
}

// The plain shape: one VCALENDAR holding VEVENTs and nothing else; upper-case names; the properties
// below and X- ones, none with a VALUE parameter; no backslash in what is read (TEXT escapes), no
// caret (RFC 6868), comma or repeated name in parameters; DTSTAMP in UTC. Anything else: ical.js.
const CALENDAR_PROPERTIES = new Set(['PRODID', 'VERSION', 'METHOD', 'CALSCALE']);
const EVENT_PROPERTIES = new Set([
  'UID',
  'DTSTAMP',
  'DTSTART',
  'DTEND',
  'SEQUENCE',
  'SUMMARY',
  'ATTENDEE',
  'ORGANIZER',
  'COMMENT',
  'LOCATION',
  'DESCRIPTION',
  'STATUS',
  'TRANSP',
  'CLASS',
  'CREATED',
  'LAST-MODIFIED',
  'PRIORITY',
  'RECURRENCE-ID',
  'URL',
]);
const CONTENT_LINE = /^([A-Z][A-Z0-9-]*)((?:;[A-Z][A-Z0-9-]*=(?:"[^"^\\]*"|[^";:,^\\]*))*):(.*)$/;
const PARAMETER = /;([A-Z][A-Z0-9-]*)=(?:"([^"^\\]*)"|([^";:,^\\]*))/g;
const UTC_STAMP = /^\d{8}T\d{6}Z$/;

/** The lines of a text with folded lines joined; null for empty lines or a lone CR. */
function unfoldedLines(text: string): string[] | null {
  const physical = textLines(text);
  if (!physical) return null;
  const lines: string[] = [];
  for (const line of physical) {
    if (line === '') return null;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (!lines.length) return null;
      lines[lines.length - 1] += line.slice(1);
    } else lines.push(line);
  }
  return lines;
}

/** A parameter list (";NAME=value" …) as a map, names in lower case; null when a name repeats or a multi-value holds a comma. */
function parameters(list: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const match of list.matchAll(PARAMETER)) {
    const name = match[1]!.toLowerCase();
    const value = match[2] ?? match[3]!;
    if (params.has(name) || name === 'value' || (value.includes(',') && MULTI_VALUED.has(name))) return null;
    params.set(name, value);
  }
  return params;
}
const MULTI_VALUED = new Set(['delegated-to', 'delegated-from', 'member']);

/**
 * "20261201T024556Z" as ISO 8601 ("2026-12-01T02:45:56.000Z"); null for anything else, impossible
 * dates included: Date rolls 30 February or 24:00 over (or refuses them), so they do not come back
 * as written.
 */
function utcStamp(value: string): string | null {
  if (!UTC_STAMP.test(value) || value < '1000') return null;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}.000Z`;
  const time = Date.parse(iso);
  return Number.isNaN(time) || new Date(time).toISOString() !== iso ? null : iso;
}

interface PlainEvent {
  uid?: string;
  stamp?: string;
  comment?: string;
  attendees: AttendeeLine[];
}

/** The plain shape parsed directly; null when the text is not of it (ical.js parses it then). */
export function parsePlainReply(text: string): ParsedReply | null {
  const lines = unfoldedLines(text);
  if (lines?.[0] !== 'BEGIN:VCALENDAR' || lines[lines.length - 1] !== 'END:VCALENDAR') return null;
  let method: string | undefined;
  const events: PlainEvent[] = [];
  let event: PlainEvent | null = null;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!;
    const match = CONTENT_LINE.exec(line);
    if (!match) return null;
    const name = match[1]!;
    const list = match[2]!;
    const value = match[3]!;
    if (name === 'BEGIN' || name === 'END') {
      if (list || value !== 'VEVENT' || (name === 'BEGIN') === (event !== null)) return null;
      if (name === 'BEGIN') event = { attendees: [] };
      else {
        events.push(event!);
        event = null;
      }
      continue;
    }
    const known = event ? EVENT_PROPERTIES : CALENDAR_PROPERTIES;
    if (!known.has(name) && !name.startsWith('X-')) return null;
    const params = list ? parameters(list) : NO_PARAMETERS;
    if (!params) return null;
    if (!event) {
      if (name === 'METHOD') {
        if (value.includes('\\')) return null;
        method ??= value;
      }
      continue;
    }
    if (name === 'UID' || name === 'COMMENT') {
      if (value.includes('\\')) return null;
      if (name === 'UID') event.uid ??= value;
      else event.comment ??= value;
    } else if (name === 'DTSTAMP') {
      const stamp = params.size ? null : utcStamp(value);
      if (stamp === null) return null;
      event.stamp ??= stamp;
    } else if (name === 'ATTENDEE') {
      event.attendees.push({
        value,
        cn: params.get('cn') ?? null,
        partstat: params.get('partstat') ?? null,
        delegatedTo: params.get('delegated-to') ?? null,
        delegatedFrom: params.get('delegated-from') ?? null,
        sentBy: params.get('sent-by') ?? null,
      });
    }
  }
  if (event) return null;
  const upper = (method ?? '').toUpperCase() || null;
  return {
    method: upper,
    events:
      upper === 'REPLY'
        ? events.map((e) => ({
            uid: e.uid ?? null,
            stamp: e.stamp ?? null,
            comment: e.comment ?? null,
            attendees: e.attendees,
          }))
        : [],
  };
}
const NO_PARAMETERS: ReadonlyMap<string, string> = new Map();
