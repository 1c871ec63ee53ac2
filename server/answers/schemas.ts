import { z } from 'zod';
import { invitationResponses, roleLevels } from '../../db/schema/index.ts';
import { CalendarDate, Id, Timestamp } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';
import { RsvpSessions, SeatState } from '../meeting-sessions/schemas.ts';
import { textLanguages } from '../text/language.ts';

/** What an invitee may answer from a link or a form. */
export const AnswerChoice = z.enum(['accepted', 'tentative', 'declined']);
export type AnswerChoice = z.infer<typeof AnswerChoice>;

const Comment = Text('reason')
  .transform((c) => c || null)
  .optional()
  .describe('Free text to the facilitator; empty clears it');

/** A need told with the answer: kept until some days after the meeting (RETENTION_ANSWER_NEEDS_DAYS). */
const Need = (what: string) =>
  Text('reason')
    .transform((c) => c || null)
    .optional()
    .describe(`${what}, for the facilitator and the host; empty clears it, left out keeps it`);

export const AnswerInput = z.strictObject({
  answer: AnswerChoice,
  comment: Comment,
  session: Id.optional().describe('For a meeting held as sessions: the session chosen with "accepted"'),
  dietaryNeeds: Need('Food: allergies, diet'),
  accessibilityNeeds: Need('Access: wheelchair, hearing loop, interpreter'),
});
export type AnswerInput = z.infer<typeof AnswerInput>;

export const DelegationInput = z.strictObject({
  // one line of text: it ends up in email headers
  name: Text('name')
    .min(1)
    .regex(/^[^\p{Cc}\u2028\u2029]+$/u, 'must be one line without control characters'),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  comment: Comment,
});
export type DelegationInput = z.infer<typeof DelegationInput>;

export const AnswerState = z
  .object({
    invitationId: z.number().int(),
    response: z.enum(invitationResponses),
    /** The meeting got a new date or time since the answer: it no longer counts (response is needs_action). */
    askedAgain: z.boolean(),
    comment: z.string().nullable(),
    respondedAt: Timestamp.nullable(),
    waitlisted: z.boolean(),
    waitlistPosition: z.number().int().nullable(),
    delegatedTo: z.object({ name: z.string(), email: z.string() }).nullable(),
    /** A meeting held as sessions: the session held or waited for. */
    seat: SeatState.nullable().optional(),
    dietaryNeeds: z.string().nullable(),
    accessibilityNeeds: z.string().nullable(),
    replyBy: CalendarDate.describe('The reply deadline (svarfrist), a local date'),
    /** Answered after the reply deadline: taken all the same, and marked for the facilitator. */
    late: z.boolean(),
  })
  .meta({ id: 'AnswerState' });
export type AnswerState = z.infer<typeof AnswerState>;

/** The invitee's own view of the meeting on the answer page (no other invitees). */
export const RsvpView = z
  .object({
    meeting: z.object({
      title: z.string(),
      status: z.string(),
      startsAt: Timestamp,
      endsAt: Timestamp,
      timeZone: z.string(),
      when: z
        .string()
        .describe('In the invitee\'s language, e.g. "onsdag den 3. marts 2027 kl. 09.00–15.00"'),
      venueName: z.string().nullable(),
      venueAddress: z.string().nullable(),
      replyBy: CalendarDate.describe('The reply deadline (svarfrist), a local date'),
      replyByText: z.string().describe('The deadline in the invitee\'s language, e.g. "1. september 2027"'),
      /** false once the meeting is cancelled or over: answers are refused. */
      answersOpen: z.boolean(),
    }),
    invitee: z.object({ name: z.string(), organisation: z.string() }),
    answer: AnswerState,
    /** A meeting held as sessions: the sessions to choose from and the invitee's seat. */
    sessions: RsvpSessions.optional(),
    /** The catalogue the invitee reads (their language's texts), which the page is written in. */
    language: z.enum(textLanguages),
    /** The meeting's materials, downloaded at /rsvp/:token/materialer/:id. */
    materials: z.array(z.object({ id: z.number().int(), filename: z.string(), size: z.number().int() })),
  })
  .meta({ id: 'RsvpView' });
export type RsvpView = z.infer<typeof RsvpView>;

const PersonRef = z.object({ invitationId: z.number().int(), name: z.string(), email: z.string() });

export const InviteeResponse = z.object({
  invitationId: z.number().int(),
  person: z.object({ id: z.number().int(), name: z.string(), email: z.string() }),
  organisation: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  roles: z.array(z.object({ key: z.string(), name: z.string(), level: z.enum(roleLevels) })),
  /** Own role levels, plus those of the person a delegate stands in for. */
  levels: z.array(z.enum(roleLevels)),
  /** needs_action while askedAgain, though an acceptance keeps its place until a new answer. */
  response: z.enum(invitationResponses),
  askedAgain: z.boolean(),
  /** The answer given for the old time, while askedAgain. */
  earlierResponse: z.enum(invitationResponses).nullable(),
  comment: z.string().nullable(),
  respondedAt: Timestamp.nullable(),
  /** Answered after the reply deadline. */
  late: z.boolean(),
  dietaryNeeds: z.string().nullable(),
  accessibilityNeeds: z.string().nullable(),
  waitlisted: z.boolean(),
  waitlistPosition: z.number().int().nullable(),
  /** A meeting held as sessions: the session chosen (waitlisted then means waiting for it). */
  sessionId: z.number().int().nullable().optional(),
  delegatedFrom: PersonRef.nullable(),
  delegatedTo: PersonRef.nullable(),
});
export type InviteeResponse = z.infer<typeof InviteeResponse>;

export const OrganisationRepresentation = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  memberRole: z.string().nullable(),
  invited: z.number().int(),
  accepted: z.number().int(),
  waitlisted: z.number().int(),
  tentative: z.number().int(),
  declined: z.number().int(),
  /** Will it be represented (an acceptance holding a place) at each level? */
  leadership: z.boolean(),
  practice: z.boolean(),
});

export const ResponseCounts = z.object({
  invited: z.number().int(),
  accepted: z.number().int(),
  waitlisted: z.number().int(),
  tentative: z.number().int(),
  declined: z.number().int(),
  delegated: z.number().int(),
  noAnswer: z.number().int(),
});

export const MeetingResponses = z
  .object({
    meetingId: z.number().int(),
    capacity: z.number().int().nullable(),
    replyBy: CalendarDate.describe('The reply deadline (svarfrist), a local date'),
    counts: ResponseCounts,
    invitees: z.array(InviteeResponse),
    organisations: z.array(OrganisationRepresentation),
  })
  .meta({ id: 'MeetingResponses' });
export type MeetingResponses = z.infer<typeof MeetingResponses>;

export const MeetingGaps = z
  .object({
    meetingId: z.number().int(),
    daysBefore: z.number().int(),
    chaseFrom: Timestamp.describe('From this instant the organisations below are chased'),
    due: z.boolean(),
    organisations: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        kind: z.string(),
        invited: z.number().int(),
        fixedContact: z.object({ name: z.string(), email: z.string() }).nullable(),
        chasedAt: Timestamp.nullable(),
      }),
    ),
  })
  .meta({ id: 'MeetingGaps' });
export type MeetingGaps = z.infer<typeof MeetingGaps>;

export const InboundReply = z.object({
  id: z.number().int(),
  receivedAt: Timestamp,
  channel: z.enum(['smtp', 'http']),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  uid: z.string().nullable(),
  attendee: z.string().nullable(),
  partstat: z.string().nullable(),
  invitationId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type InboundReply = z.infer<typeof InboundReply>;
