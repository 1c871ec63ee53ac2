import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { delegationAttendeeParams } from '../answers/delegation.ts';
import type { MeetingFacts } from '../answers/meeting-reads.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { meetingTime } from '../text/dates.ts';
import { catalogueFor } from '../text/messages.ts';
import { buildMeetingCalendar, type CalendarAttendee, type CalendarMeeting } from './icalendar.ts';
import { districtAreaByCode, meetingInvitees, publishedMeetingIds } from './queries.ts';

/** A calendar file with what HTTP caching needs: the same data gives the same bytes and ETag. */
export interface CalendarFile {
  body: string;
  etag: string;
  /** The last change of anything in it; null for an empty feed. */
  lastModified: Date | null;
}

/** Subscribers may poll hourly (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
const FEED_TTL_SECONDS = 60 * 60;

function place(m: MeetingFacts): string | null {
  return [m.venueName, m.venueAddress].filter(Boolean).join(', ') || null;
}

/** Feeds are Danish, like the meetings' own texts. */
const words = catalogueFor('da').calendarFeed;

/** One meeting as a feed event; stamped with its last change, not with the time of the download. */
function feedEvent(m: MeetingFacts, attendees?: CalendarAttendee[]): CalendarMeeting {
  const location = place(m);
  const cancelled = m.status === 'cancelled';
  return {
    uid: m.icsUid,
    sequence: m.icsSequence,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    timeZone: m.timeZone,
    stamp: m.updatedAt,
    lastModified: m.updatedAt,
    summary: cancelled ? words.cancelled(m.title) : m.title,
    location,
    description: [
      m.title,
      meetingTime(m.startsAt, m.endsAt, m.timeZone, 'da'),
      location ? words.place(location) : null,
    ]
      .filter(Boolean)
      .join('\n'),
    cancelled,
    attendees,
  };
}

function calendarFile(name: string, meetings: MeetingFacts[], events: CalendarMeeting[]): CalendarFile {
  const body = buildMeetingCalendar('PUBLISH', events, { name, ttl: FEED_TTL_SECONDS });
  const latest = meetings.reduce<string | null>(
    (a, m) => (a === null || m.updatedAt > a ? m.updatedAt : a),
    null,
  );
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified: latest ? new Date(latest) : null,
  };
}

/**
 * The public feed of a police district's meetings (METHOD:PUBLISH) for calendar subscriptions:
 * every meeting beyond the draft stage, cancelled ones marked so; nobody's address in it.
 * Null when no district has the code.
 */
export function districtFeed(db: Db, districtCode: string): CalendarFile | null {
  const area = districtAreaByCode(db, districtCode);
  if (!area) return null;
  const meetings = publishedMeetingIds(db, area.id).map((id) => meetingRecord(db, id));
  return calendarFile(
    `Politikredsmøder – ${area.name}`,
    meetings,
    meetings.map((m) => feedEvent(m)),
  );
}

/**
 * One meeting with its invitees and their answers (for signed-in users): ATTENDEE per invitation
 * with PARTSTAT and DELEGATED-TO / DELEGATED-FROM.
 */
export function meetingCalendar(db: Db, meetingId: number): CalendarFile {
  const m = meetingRecord(db, meetingId);
  const invitees = meetingInvitees(db, meetingId);
  const attendees = invitees.map(
    (i): CalendarAttendee => ({
      name: i.name,
      email: i.email,
      answer: i.response,
      ...delegationAttendeeParams(db, i),
    }),
  );
  return calendarFile(m.title, [m], [feedEvent(m, attendees)]);
}
