import addressparser from 'nodemailer/lib/addressparser';
import type { Db } from '../../db/client.ts';
import {
  type AgendaItem,
  calendarDescription,
  invitedFill,
  type MeetingMailKind,
  type MeetingMailView,
  meetingMailTemplate,
  meetingWhere,
  type SessionOffer,
} from '../../emails/meeting-mail.ts';
import { currentAnswer } from '../answers/reconfirm.ts';
import { buildMeetingCalendar, type CalendarAttendee, type CalendarMethod } from '../calendar/icalendar.ts';
import type { Config } from '../config.ts';
import { enqueueMails, sharedMailPart } from '../mail/outbox.ts';
import { materialsOfMeeting } from '../materials/queries.ts';
import type { MeetingRow } from '../planning/meeting-changes.ts';
import { replyByDate } from '../planning/reply-deadline.ts';
import type { Language } from '../text/language.ts';
import { nowIso } from '../time.ts';
import {
  agendaLines,
  cycleReplyDaysBefore,
  type MailNamesRow,
  mailNames,
  meetingAttendees,
} from './queries.ts';

export type MailConfig = Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'>;

/** Answer-link, survey-link and date-link secrets in stored mail, blanked once a message is delivered over SMTP. */
export const answerLinkRedaction = {
  pattern: /\/(rsvp|evaluering|datoforslag)\/(?:rsvp|eval|dato)_[A-Za-z0-9_-]+/g,
  replacement: '/$1/[sendt]',
};

const platformAddresses = new Map<string, { name: string; address: string }>();

/** The platform's own address (MAIL_FROM): sender of every email and ORGANIZER address of every calendar entry. */
export function platformAddress(config: Pick<Config, 'MAIL_FROM'>): { name: string; address: string } {
  // parsed once per setting: every meeting's mail asks for it twice
  let platform = platformAddresses.get(config.MAIL_FROM);
  if (!platform) {
    const [first] = addressparser(config.MAIL_FROM, { flatten: true });
    if (!first?.address) throw new Error(`MAIL_FROM "${config.MAIL_FROM}" has no address`);
    platform = { name: (first.name || 'Samråd').replace(/[\r\n]+/g, ' '), address: first.address };
    platformAddresses.set(config.MAIL_FROM, platform);
  }
  return { ...platform };
}

/** The domain of Message-IDs, so they point at the platform. */
export function messageDomain(config: Pick<Config, 'MAIL_FROM'>): string {
  return platformAddress(config).address.split('@')[1] || 'samraad.local';
}

/**
 * The meeting's agenda (agenda_item): clock times for every point when each point before the last
 * has a duration, otherwise for none (a time for some points and a number for others reads as
 * nonsense). A meeting without agenda points shows its title and note.
 */
export function agendaOf(db: Db, meeting: MeetingRow): AgendaItem[] {
  const rows = agendaLines(db, meeting.id);
  if (rows.length === 0) return [{ title: meeting.title, description: meeting.explanation }];
  const timed = rows.slice(0, -1).every((r) => r.minutes != null && r.minutes > 0);
  let clock = Date.parse(meeting.startsAt);
  return rows.map((r) => {
    const startsAt = timed ? new Date(clock).toISOString() : null;
    clock += (r.minutes ?? 0) * 60_000;
    return { title: r.title, description: r.presenter ? `v/ ${r.presenter}` : null, startsAt };
  });
}

export interface MeetingContext {
  meeting: MeetingRow;
  view: MeetingMailView;
  /** ORGANIZER: the facilitator's name with the platform's address, so calendar replies reach the inbound receiver. */
  organizer: { name: string; email: string };
  /** Reply-To: the facilitator, else the programme's reply address, else the platform address. */
  replyTo: { name: string; address: string };
}

/** Meeting, district, facilitator and agenda as the emails and calendar entries show them. */
export function loadMeetingContext(
  db: Db,
  config: MailConfig,
  meeting: MeetingRow,
  agenda?: AgendaItem[],
): MeetingContext {
  const names = mailNames(db, meeting.areaId, meeting.facilitatorId);
  const platform = platformAddress(config);
  const facilitatorName = names?.facilitatorName ?? null;
  return {
    meeting,
    view: {
      title: meeting.title,
      districtName: names?.districtName ?? '',
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      timeZone: meeting.timeZone,
      venueName: meeting.venueName,
      venueAddress: meeting.venueAddress,
      facilitatorName,
      facilitator: facilitatorName
        ? {
            name: facilitatorName,
            organisation: names?.facilitatorOrganisation ?? null,
            email: names?.facilitatorEmail ?? null,
            phone: names?.facilitatorPhone ?? null,
          }
        : null,
      programmeSignature: names?.programmeSignature ?? null,
      agenda: agenda ?? agendaOf(db, meeting),
      materials: materialsOfMeeting(db, meeting.id).map(({ id, filename }) => ({ id, filename })),
      replyBy: replyByDate({ ...meeting, replyDaysBefore: cycleReplyDaysBefore(db, meeting.cycleId) }),
    },
    organizer: { name: facilitatorName ?? platform.name, email: platform.address },
    replyTo: replyToOf(names, platform),
  };
}

/** Replies reach the facilitator; without one (or without an address), the programme's reply address. */
function replyToOf(
  names: MailNamesRow | undefined,
  platform: { name: string; address: string },
): { name: string; address: string } {
  if (names?.facilitatorName && names.facilitatorEmail)
    return { name: names.facilitatorName, address: names.facilitatorEmail };
  if (names?.programmeReplyAddress)
    return { name: names.programmeName ?? platform.name, address: names.programmeReplyAddress };
  return platform;
}

export interface Recipient {
  invitationId: number;
  personId: number;
  name: string;
  email: string;
  language: Language;
}

export interface InviteeRow extends Recipient {
  response: CalendarAttendee['answer'];
  delegatedFrom: string | null;
  delegatedTo: string | null;
}

/** Everyone invited and not taken off: the ATTENDEE list of the meeting's calendar entry. */
export function invitedPeople(db: Db, meetingId: number): InviteeRow[] {
  const rows = meetingAttendees(db, meetingId);
  // delegation both ways, matched in memory: one read per meeting instead of two subqueries per row
  const emailOf = new Map(rows.map((r) => [r.invitationId, r.email]));
  const delegateOf = new Map<number, string>();
  for (const r of rows)
    if (r.delegatedFromId != null && !r.withdrawnAt) delegateOf.set(r.delegatedFromId, r.email);
  return rows
    .filter((r) => !r.withdrawnAt && r.sent)
    .map((r) => ({
      invitationId: r.invitationId,
      personId: r.personId,
      name: r.name,
      email: r.email,
      language: r.language,
      // asked again after a new time: NEEDS-ACTION until they answer
      response: currentAnswer(r.response ?? 'needs_action', r.needsReconfirm),
      delegatedFrom: r.delegatedFromId == null ? null : (emailOf.get(r.delegatedFromId) ?? null),
      delegatedTo: delegateOf.get(r.invitationId) ?? null,
    }));
}

export function toAttendee(r: InviteeRow): CalendarAttendee {
  return {
    name: r.name,
    email: r.email,
    answer: r.response,
    delegatedFrom: r.delegatedFrom,
    delegatedTo: r.delegatedTo,
  };
}

const calendarMethod: Record<MeetingMailKind, CalendarMethod> = {
  invitation: 'REQUEST',
  update: 'REQUEST',
  reminder: 'REQUEST',
  cancel: 'CANCEL',
  withdrawn: 'CANCEL',
};

export interface QueueOptions {
  kind: MeetingMailKind;
  recipients: Recipient[];
  /** The ATTENDEE list; defaults to the recipients. */
  attendees?: CalendarAttendee[];
  /** Fresh answer-link tokens by invitation id (only the first invitation has them). */
  tokens?: Map<number, string>;
  cancelReason?: string | null;
  /** Reminders carry no calendar part: the entry is already in the calendar. */
  withCalendar?: boolean;
  /** Who passed the invitation on, for a delegate's invitation. */
  delegatedBy?: string | null;
  /** An update after a new date or time: earlier answers no longer count. */
  askAgain?: boolean;
  /** Instead of the kind's usual opening line. */
  lead?: string;
  /** A meeting held as sessions: the invitation lists them (and carries no calendar). */
  sessions?: SessionOffer[];
}

/**
 * The meeting's calendar for each reader language, built once per language and shared by every
 * recipient who reads it (the file differs only in its description's words).
 */
function meetingCalendars(
  ctx: MeetingContext,
  method: (typeof calendarMethod)[keyof typeof calendarMethod],
  attendees: { name: string; email: string }[],
): (lang: Language) => string {
  const calendars = new Map<Language, string>();
  return (lang) => {
    let ics = calendars.get(lang);
    if (!ics) {
      const m = ctx.meeting;
      ics = buildMeetingCalendar(method, [
        {
          uid: m.icsUid,
          sequence: m.icsSequence,
          startsAt: m.startsAt,
          endsAt: m.endsAt,
          timeZone: m.timeZone,
          summary: m.title,
          description: calendarDescription(lang, ctx.view),
          location: meetingWhere(ctx.view),
          organizer: ctx.organizer,
          attendees,
          cancelled: method === 'CANCEL',
        },
      ]);
      calendars.set(lang, ics);
    }
    return ics;
  };
}

/**
 * Queues one email per recipient. The calendar data is the same for every recipient of a language,
 * so it is built once per language, not once per person.
 */
export function queueMeetingMail(
  db: Db,
  config: MailConfig,
  ctx: MeetingContext,
  options: QueueOptions,
): number {
  const { kind, recipients } = options;
  const method = calendarMethod[kind];
  const withCalendar = options.withCalendar ?? kind !== 'reminder';
  const attendees = options.attendees ?? recipients.map((r) => ({ name: r.name, email: r.email }));
  const calendarFor = meetingCalendars(ctx, method, attendees);
  const domain = messageDomain(config);
  const answerBase = `${config.PUBLIC_URL.replace(/\/+$/, '')}/rsvp`;
  const input = {
    kind,
    meeting: ctx.view,
    cancelReason: options.cancelReason,
    delegatedBy: options.delegatedBy,
    askAgain: options.askAgain,
    lead: options.lead,
    sessions: options.sessions,
  };
  // text and HTML rendered once per language (with or without an answer link) with stand-ins for
  // name and link, which each message fills in when it is sent; stored once with the calendar
  const parts = new Map<string, { id: number; subject: string }>();
  const partFor = (lang: Language, withLink: boolean) => {
    const key = `${lang}:${withLink}`;
    let part = parts.get(key);
    if (part === undefined) {
      const { subject, text, html, headers, standIns } = meetingMailTemplate(input, lang, withLink);
      const filename = method === 'CANCEL' ? 'cancel.ics' : 'invitation.ics';
      const id = sharedMailPart(db, {
        text,
        html,
        headers,
        replyTo: ctx.replyTo,
        standIns,
        // nodemailer sends it as the text/calendar alternative and as one .ics attachment
        ...(withCalendar ? { icalEvent: { method, filename, content: calendarFor(lang) } } : {}),
      });
      part = { id, subject };
      parts.set(key, part);
    }
    return part;
  };
  const mails = recipients.map((r) => {
    const token = options.tokens?.get(r.invitationId) ?? null;
    const part = partFor(r.language, token !== null);
    return {
      kind,
      to: { address: r.email, name: r.name },
      subject: part.subject,
      fill: invitedFill(r.name, answerBase, token),
      partId: part.id,
      meetingId: ctx.meeting.id,
      invitationId: r.invitationId,
    };
  });
  enqueueMails(db, mails, domain, nowIso());
  return recipients.length;
}
