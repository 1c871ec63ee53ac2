import { foldLine, lineValue, paramValue, plainText, textValue } from './ical-text.ts';
import { isKnownTimeZone, vtimezoneWindow, wallClock } from './time-zones.ts';

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export type AttendeeAnswer = 'needs_action' | 'accepted' | 'tentative' | 'declined' | 'delegated';

export interface CalendarAttendee {
  name: string;
  email: string;
  /** Default needs_action (PARTSTAT=NEEDS-ACTION, RSVP=TRUE). */
  answer?: AttendeeAnswer;
  /** Email of the person this attendee passed the invitation to, or received it from. */
  delegatedTo?: string | null;
  delegatedFrom?: string | null;
}

/** One meeting as an iCalendar event; the fields are the invitee-facing ones. */
export interface CalendarMeeting {
  uid: string;
  sequence: number;
  startsAt: string | Date;
  endsAt: string | Date;
  timeZone: string;
  summary: string;
  description?: string | null;
  location?: string | null;
  cancelled?: boolean;
  /** The organizer: the facilitator's name with the platform's reply address. */
  organizer?: { name: string; email: string } | null;
  /** Omit for feeds (PUBLISH without addresses). */
  attendees?: CalendarAttendee[];
  /** DTSTAMP; for feeds the time of the last change, for messages the time of sending. */
  stamp?: string | Date;
  lastModified?: string | Date | null;
  url?: string | null;
}

const partstat: Record<AttendeeAnswer, string> = {
  needs_action: 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  tentative: 'TENTATIVE',
  declined: 'DECLINED',
  delegated: 'DELEGATED',
};

/** 20270312T090000 (local, with a TZID) or 20270312T080000Z (UTC). */
function dateTime(d: Date, utc: boolean): string {
  const year = d.getUTCFullYear();
  // from the UTC fields, as toISOString (a third of a microsecond) would write the years 0–9999;
  // other years (±YYYYYY) and invalid dates (a RangeError) go through it
  if (!(year >= 0 && year <= 9999)) {
    const iso = d
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, '');
    return utc ? `${iso}Z` : iso;
  }
  const local = `${String(year).padStart(4, '0')}${twoDigits(d.getUTCMonth() + 1)}${twoDigits(d.getUTCDate())}T${twoDigits(d.getUTCHours())}${twoDigits(d.getUTCMinutes())}${twoDigits(d.getUTCSeconds())}`;
  return utc ? `${local}Z` : local;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** One content line: a name, its parameters (`;NAME=value`, values written by paramValue) and the value. */
function line(name: string, value: string, params = ''): string {
  return foldLine(`${name}${params}:${value}`);
}

/** A cal-address parameter value (DELEGATED-TO/-FROM, RFC 5545 3.2.4/3.2.5) is a mailto: URI. */
function calAddress(email: string): string {
  return `mailto:${lineValue(email).replace(/^mailto:/i, '')}`;
}

function timeLine(name: string, value: string | Date, timeZone: string): string {
  const instant = new Date(value);
  // a name the tz database does not know is written in UTC rather than as an undefined TZID
  if (!isKnownTimeZone(timeZone)) return line(name, dateTime(instant, true));
  return line(name, dateTime(wallClock(instant, timeZone), false), `;TZID=${paramValue(timeZone)}`);
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
  // ical.js finds a property's value by the decoded length of its last parameter, so escaped
  // text (CN) never comes last: a plain token ends every parameter list
  if (m.organizer) {
    // a stored name of nothing but control characters is no name: the address stands in, as for none
    const name = plainText(m.organizer.name) || lineValue(m.organizer.email);
    out += line(
      'ORGANIZER',
      `mailto:${lineValue(m.organizer.email)}`,
      `;CN=${paramValue(name)};SCHEDULE-AGENT=SERVER`,
    );
  }
  if (m.attendees) out += attendeeLines(m.attendees, method);
  if (m.url) out += line('URL', lineValue(m.url), ';VALUE=URI');
  out += line('STATUS', cancelled ? 'CANCELLED' : 'CONFIRMED');
  if (m.lastModified) out += line('LAST-MODIFIED', dateTime(new Date(m.lastModified), true));
  // answers go through the links and Accept/Decline; Outlook's "propose new time" would reach nobody
  if (method === 'REQUEST') out += line('X-MICROSOFT-DISALLOW-COUNTER', 'TRUE');
  return `${out}END:VEVENT\r\n`;
}

function attendeeLines(attendees: CalendarAttendee[], method: CalendarMethod): string {
  const rsvp = method === 'REQUEST' ? ';RSVP=TRUE' : '';
  let lines = '';
  // an index loop: calendars are written too seldom for V8 to optimise this code, and the
  // interpreter walks for-of and destructuring through the iterator protocol
  for (let i = 0; i < attendees.length; i++) {
    const a = attendees[i]!;
    const name = a.name && plainText(a.name);
    let params = name ? `;CN=${paramValue(name)}` : '';
    if (a.delegatedTo) params += `;DELEGATED-TO=${paramValue(calAddress(a.delegatedTo))}`;
    if (a.delegatedFrom) params += `;DELEGATED-FROM=${paramValue(calAddress(a.delegatedFrom))}`;
    params += `;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat[a.answer ?? 'needs_action']}${rsvp}`;
    lines += line('ATTENDEE', `MAILTO:${lineValue(a.email)}`, params);
  }
  return lines;
}

/** PT1H for 3600 seconds. */
function duration(seconds: number): string {
  const s = Math.max(0, Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${rest || s === 0 ? `${rest}S` : ''}`;
}

/**
 * An iCalendar object (RFC 5545: CRLF, folded, escaped) with one VEVENT per meeting and a
 * VTIMEZONE for each zone used. REQUEST/CANCEL carry ORGANIZER and ATTENDEEs (iTIP, RFC 5546);
 * a PUBLISH feed leaves attendees out. Every text goes through ical-text.ts.
 */
export function buildMeetingCalendar(
  method: CalendarMethod,
  meetings: CalendarMeeting[],
  options: {
    name?: string;
    /** Seconds subscribers should wait before polling a feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
    ttl?: number;
  } = {},
): string {
  let out = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n';
  out += line('PRODID', '-//Samraad//Samraad//DA');
  out += line('METHOD', method);
  if (options.name) {
    out += line('NAME', textValue(options.name));
    out += line('X-WR-CALNAME', textValue(options.name));
  }
  if (options.ttl) {
    out += line('REFRESH-INTERVAL', duration(options.ttl), ';VALUE=DURATION');
    out += line('X-PUBLISHED-TTL', duration(options.ttl));
  }
  const vtimezone = vtimezoneWindow(meetings.flatMap((m) => [m.startsAt, m.endsAt]));
  for (const zone of new Set(meetings.map((m) => m.timeZone))) out += vtimezone(zone) ?? '';
  for (const m of meetings) out += eventOf(m, method);
  return `${out}END:VCALENDAR\r\n`;
}
