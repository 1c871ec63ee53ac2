import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  type ICalEventData,
  ICalEventStatus,
} from 'ical-generator';
import { hasTimeZoneDefinition, vtimezone, ZonedInstant } from './time-zones.ts';

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

const partstat: Record<AttendeeAnswer, ICalAttendeeStatus> = {
  needs_action: ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  tentative: ICalAttendeeStatus.TENTATIVE,
  declined: ICalAttendeeStatus.DECLINED,
  delegated: ICalAttendeeStatus.DELEGATED,
};

const methods: Record<CalendarMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

/** Names and addresses go into iCalendar parameters: no line breaks, no quotes. */
function paramText(value: string): string {
  return value.replace(/[\r\n\t"]+/g, ' ').trim();
}

/**
 * A cal-address parameter value (DELEGATED-TO/-FROM, RFC 5545 3.2.4/3.2.5) is a URI; ical-generator
 * writes these two from the bare email, so the mailto: is given here.
 */
function calAddress(email: string): string {
  return `mailto:${paramText(email).replace(/^mailto:/i, '')}`;
}

function eventOf(m: CalendarMeeting, method: CalendarMethod): ICalEventData {
  const zoned = hasTimeZoneDefinition(m.timeZone);
  const at = (v: string | Date) => (zoned ? new ZonedInstant(v) : new Date(v));
  const cancelled = method === 'CANCEL' || m.cancelled === true;
  return {
    id: m.uid,
    sequence: m.sequence,
    stamp: m.stamp ? new Date(m.stamp) : new Date(),
    lastModified: m.lastModified ? new Date(m.lastModified) : null,
    start: at(m.startsAt),
    end: at(m.endsAt),
    // zones without a VTIMEZONE here are written in UTC rather than as an undefined TZID
    timezone: zoned ? m.timeZone : null,
    summary: m.summary,
    description: m.description ?? null,
    location: m.location ?? null,
    url: m.url ?? null,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: m.organizer
      ? { name: paramText(m.organizer.name) || m.organizer.email, email: paramText(m.organizer.email) }
      : null,
    attendees: (m.attendees ?? []).map((a) => ({
      name: paramText(a.name),
      email: paramText(a.email),
      role: ICalAttendeeRole.REQ,
      status: partstat[a.answer ?? 'needs_action'],
      rsvp: method === 'REQUEST' ? true : null,
      ...(a.delegatedTo ? { delegatedTo: calAddress(a.delegatedTo) } : {}),
      ...(a.delegatedFrom ? { delegatedFrom: calAddress(a.delegatedFrom) } : {}),
    })),
    // answers go through the links and Accept/Decline; Outlook's "propose new time" would reach nobody
    x: method === 'REQUEST' ? [{ key: 'X-MICROSOFT-DISALLOW-COUNTER', value: 'TRUE' }] : [],
  };
}

/**
 * An iCalendar object (RFC 5545: CRLF, folded, escaped) with one VEVENT per meeting and a
 * VTIMEZONE for each zone used. REQUEST/CANCEL carry ORGANIZER and ATTENDEEs (iTIP, RFC 5546);
 * a PUBLISH feed leaves attendees out.
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
  const calendar = ical({
    prodId: { company: 'Samraad', product: 'Samraad', language: 'DA' },
    method: methods[method],
    name: options.name ?? null,
    ttl: options.ttl ?? null,
    timezone: { name: null, generator: vtimezone },
    events: meetings.map((m) => eventOf(m, method)),
  });
  return calendar.toString();
}
