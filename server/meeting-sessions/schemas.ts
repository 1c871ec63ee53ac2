import { z } from 'zod';
import { CalendarDate, Id, Timestamp, Version } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';

/** The shapes of a meeting's sessions (sittings) in the API; local times are in the meeting's zone. */

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Capacity = z.number().int().min(1).max(10_000).describe('Places in the session; the next one waits');

export const NewMeetingSession = z.strictObject({
  date: CalendarDate.describe("The session's day, local to the meeting"),
  startTime: LocalTime,
  endTime: LocalTime,
  venueName: Text('name').nullable().optional().describe("Default: the meeting's venue"),
  venueAddress: Text('line').nullable().optional(),
  capacity: Capacity,
});
export type NewMeetingSession = z.infer<typeof NewMeetingSession>;

export const UpdateMeetingSession = z.strictObject({
  version: Version,
  date: CalendarDate.optional(),
  startTime: LocalTime.optional(),
  endTime: LocalTime.optional(),
  venueName: Text('name').nullable().optional(),
  venueAddress: Text('line').nullable().optional(),
  capacity: Capacity.optional(),
});
export type UpdateMeetingSession = z.infer<typeof UpdateMeetingSession>;

export const CancelMeetingSession = z.strictObject({
  version: Version,
  reason: Text('reason').optional(),
});
export type CancelMeetingSession = z.infer<typeof CancelMeetingSession>;

export const MeetingSessionParams = z.strictObject({ id: Id, sessionId: Id });

export const MeetingSession = z
  .object({
    id: z.number().int(),
    meetingId: z.number().int(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    localDate: CalendarDate,
    localStartTime: z.string(),
    localEndTime: z.string(),
    venueName: z.string().nullable(),
    venueAddress: z.string().nullable(),
    capacity: z.number().int(),
    /** Invitees holding a place. */
    accepted: z.number().int(),
    /** Invitees on this session's waiting list. */
    waiting: z.number().int(),
    /** Places still free. */
    free: z.number().int(),
    /** Of those holding a place, how many were recorded present. */
    attended: z.number().int(),
    cancelledAt: Timestamp.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'MeetingSession' });
export type MeetingSession = z.infer<typeof MeetingSession>;

export const MeetingSessionList = z
  .object({
    meetingId: z.number().int(),
    sessions: z.array(MeetingSession),
    /** The meeting's figures: the sums over its sessions that are not cancelled. */
    totals: z.object({
      capacity: z.number().int(),
      accepted: z.number().int(),
      waiting: z.number().int(),
      free: z.number().int(),
      attended: z.number().int(),
    }),
  })
  .meta({ id: 'MeetingSessionList' });
export type MeetingSessionList = z.infer<typeof MeetingSessionList>;

/** An invitee's choice of session, from the answer page or JSON. */
export const SessionChoiceInput = z.strictObject({
  session: Id.describe('The session to hold a place in (replaces an earlier choice)'),
});
export type SessionChoiceInput = z.infer<typeof SessionChoiceInput>;

/** The invitee's own seat: which session, and whether they hold a place or wait. */
export const SeatState = z
  .object({
    invitationId: z.number().int(),
    sessionId: z.number().int().nullable(),
    waiting: z.boolean(),
    waitingPosition: z.number().int().nullable(),
    /** Until when the choice may change (the reply deadline, else the session's start). */
    changeableUntil: Timestamp.nullable(),
  })
  .meta({ id: 'SeatState' });
export type SeatState = z.infer<typeof SeatState>;

/** The sessions on the invitee's answer page: when, where, free places, and the invitee's own seat. */
export const RsvpSessions = z
  .object({
    sessions: z.array(
      z.object({
        id: z.number().int(),
        when: z.string().describe("In the invitee's language"),
        where: z.string().nullable(),
        capacity: z.number().int(),
        free: z.number().int(),
        /** Begun already: it can no longer be chosen. */
        started: z.boolean(),
      }),
    ),
    seat: SeatState,
    /** seat.changeableUntil in the invitee's language. */
    changeableUntil: z.string().nullable(),
  })
  .meta({ id: 'RsvpSessions' });
export type RsvpSessions = z.infer<typeof RsvpSessions>;
