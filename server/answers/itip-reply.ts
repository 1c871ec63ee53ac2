import type { ParsedMail } from 'mailparser';
import type { Db } from '../../db/client.ts';
import type { InvitationResponse } from '../../db/schema/index.ts';
import { HttpProblem } from '../http/problems.ts';
import type { MailConfig } from '../invitations/queue-mail.ts';
import { type DeliveryReport, readDeliveryReport, recordBounces } from '../mail/delivery-reports.ts';
import { answerInvitation } from '../meeting-sessions/answers.ts';
import { meetingUidOfReply } from '../meeting-sessions/seat-mail.ts';
import { nowIso } from '../time.ts';
import { delegateInvitation } from './delegation.ts';
import { answerMeetingByIcsUid, inboundReplies, inviteeOfAttendee, storeInboundReply } from './queries.ts';
import { type ReplyCalendar, type ReplyItem, readReplyCalendar } from './reply-calendar.ts';
import { inviteeActor, recordResponse } from './responses.ts';
import type { InboundReply } from './schemas.ts';
import { type ReplyMail, readSimpleReply } from './simple-mime.ts';

/**
 * Calendar answers by email: an invitee who presses Accept in Outlook sends an iTIP REPLY
 * (RFC 5546) to the organizer address. Each (event, attendee) in the reply is matched to an
 * invitation by UID and attendee address and recorded; whatever matches nothing is kept with the
 * reason, never dropped.
 */

export type InboundChannel = 'smtp' | 'http';

const partstats: Record<string, InvitationResponse> = {
  ACCEPTED: 'accepted',
  TENTATIVE: 'tentative',
  DECLINED: 'declined',
  DELEGATED: 'delegated',
};

interface ParsedMessage {
  from: string | null;
  subject: string | null;
  messageId: string | null;
  items: ReplyItem[];
  /** Why nothing could be read, when items is empty. */
  problem: string | null;
}

// Loaded on the first message (mailparser and its HTML and link libraries are about 0.3 s of every
// start), and only once: each import() goes through the module loader again (under tsx, a round trip
// to its loader thread), which cost more than the parse of a small reply.
let mailparser: Promise<typeof import('mailparser')> | undefined;
const loadMailparser = () => {
  mailparser ??= import('mailparser');
  return mailparser;
};

/**
 * One parse of the raw message serves both readings of it, as a delivery report and as a reply;
 * null when it cannot be read (it is still kept, with that reason). For messages not of the plain
 * shape readSimpleReply reads.
 */
async function readMail(raw: Buffer | string): Promise<ParsedMail | null> {
  const { simpleParser } = await loadMailparser();
  return simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true }).catch(
    () => null,
  );
}

export function parseInboundEmail(mail: ReplyMail): ParsedMessage {
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? null;
  const result: ParsedMessage = {
    from,
    subject: mail.subject ?? null,
    messageId: mail.messageId ?? null,
    items: [],
    problem: null,
  };
  // mailparser hands text/calendar parts over as attachments, inline or not
  const parts = mail.attachments.filter(
    (a) =>
      /^(text\/calendar|application\/ics)$/i.test(a.contentType) ||
      (a.filename ?? '').toLowerCase().endsWith('.ics'),
  );
  const seen = new Set<string>();
  const methods: string[] = [];
  // the calendar alternative and the .ics attachment usually carry the same bytes: read once, found
  // by comparing bytes (a text as a Map key is hashed whole, a microsecond a reply)
  const readParts: { content: Buffer; read: ReplyCalendar }[] = [];
  for (const part of parts) {
    try {
      let read = readParts.find((done) => done.content.equals(part.content))?.read;
      if (!read) {
        read = readReplyCalendar(part.content.toString('utf8'));
        readParts.push({ content: part.content, read });
      }
      const { method, items } = read;
      if (method) methods.push(method);
      for (const item of items) {
        // the same reply usually comes twice: as the calendar alternative and as an .ics attachment
        const key = JSON.stringify([item.uid, item.attendee, item.partstat]);
        if (!seen.has(key)) result.items.push(item);
        seen.add(key);
      }
    } catch {
      methods.push('unreadable');
    }
  }
  if (!result.items.length)
    result.problem = parts.length
      ? `no iTIP REPLY in the calendar data (found: ${[...new Set(methods)].join(', ') || 'nothing'})`
      : 'no calendar data in the message';
  return result;
}

interface Outcome {
  invitationId: number | null;
  reason: string | null;
}

function matchAndRecord(db: Db, config: MailConfig, from: string | null, item: ReplyItem): Outcome {
  if (!item.uid) return { invitationId: null, reason: 'the reply has no UID' };
  if (!item.attendee) return { invitationId: null, reason: 'the reply names no attendee' };
  const meeting = answerMeetingByIcsUid(db, meetingUidOfReply(item.uid));
  if (!meeting) return { invitationId: null, reason: 'no meeting has this UID' };
  const invitee = inviteeOfAttendee(db, meeting.id, item.attendee);
  if (!invitee) return { invitationId: null, reason: 'the attendee is not invited to this meeting' };
  // anyone can write an email: the answer must come from the attendee (or whom it names as SENT-BY)
  if (from !== item.attendee && from !== item.sentBy)
    return { invitationId: null, reason: `the sender ${from ?? '(none)'} is not the attendee` };
  if (invitee.withdrawnAt) return { invitationId: null, reason: 'the invitation was withdrawn' };
  const response = item.partstat ? partstats[item.partstat] : undefined;
  if (!response)
    return { invitationId: null, reason: `PARTSTAT ${item.partstat ?? '(none)'} is not an answer` };
  const now = nowIso();
  const at = item.stamp && item.stamp < now ? item.stamp : now;
  if (invitee.respondedAt && invitee.respondedAt > at)
    return { invitationId: invitee.invitationId, reason: 'older than the answer already recorded' };
  const actor = inviteeActor(item.attendee, 'calendar');
  try {
    if (response === 'delegated' && item.delegate) {
      delegateInvitation(db, actor, config, invitee.invitationId, {
        email: item.delegate.email,
        name: item.delegate.name || item.delegate.email.split('@')[0]!,
        comment: item.comment ?? undefined,
      });
    } else if (meeting.heldAsSessions && response !== 'delegated' && response !== 'needs_action') {
      // held as sessions: a decline from the calendar gives the seat up, as on the answer page
      answerInvitation(db, config, actor, invitee.invitationId, {
        answer: response,
        comment: item.comment ?? undefined,
      });
    } else {
      // the invitee and meeting as just read in this transaction: the answer reads neither again
      recordResponse(
        db,
        actor,
        invitee.invitationId,
        { response, comment: item.comment ?? undefined, at },
        { invitee, meeting },
      );
    }
  } catch (error) {
    if (error instanceof HttpProblem) return { invitationId: invitee.invitationId, reason: error.message };
    throw error;
  }
  return { invitationId: invitee.invitationId, reason: null };
}

/** Runs a write in a transaction and settles once it is committed (the server's group commit). */
export type Commit = <T>(work: () => T) => Promise<T>;

/**
 * Reads one raw RFC 822 message and records every answer in it. Returns the rows kept in
 * inbound_reply: with the invitation when recorded, with a reason when not. `commit` runs the
 * writes; the server passes its group commit, which shares one commit among the replies arriving
 * together (the commit cost more than recording a reply).
 */
export async function receiveInboundEmail(
  db: Db,
  config: MailConfig,
  raw: Buffer | string,
  channel: InboundChannel,
  commit: Commit = async (work) => db.transaction(work),
): Promise<InboundReply[]> {
  // the plain shape most replies come in is read directly; the rest, bounces included, by mailparser
  const simple = readSimpleReply(typeof raw === 'string' ? Buffer.from(raw) : raw);
  let parsed: ParsedMessage;
  if (simple) parsed = parseInboundEmail(simple);
  else {
    const mail = await readMail(raw);
    // a bounce of our own mail is no answer: it marks the message that did not arrive
    const bounce = mail && deliveryReportOf(mail);
    if (bounce) return recordDeliveryReport(db, bounce, channel, commit);
    parsed = mail
      ? parseInboundEmail(mail)
      : { from: null, subject: null, messageId: null, items: [], problem: 'the message could not be read' };
  }
  const receivedAt = nowIso();
  const store = (item: ReplyItem | null, outcome: Outcome) =>
    storeInboundReply(db, {
      receivedAt,
      channel,
      fromAddress: parsed.from,
      subject: parsed.subject?.slice(0, 500) ?? null,
      messageId: parsed.messageId,
      uid: item?.uid ?? null,
      attendee: item?.attendee ?? null,
      partstat: item?.partstat ?? null,
      invitationId: outcome.invitationId,
      reason: outcome.reason,
    });
  return commit(() => {
    if (!parsed.items.length) return [store(null, { invitationId: null, reason: parsed.problem })];
    return parsed.items.map((item) => store(item, matchAndRecord(db, config, parsed.from, item)));
  });
}

function deliveryReportOf(mail: ParsedMail): { mail: ParsedMail; reports: DeliveryReport[] } | null {
  try {
    const reports = readDeliveryReport(mail);
    return reports ? { mail, reports } : null;
  } catch {
    return null;
  }
}

/** Kept in inbound_reply like every message that arrives, with what it reported as the reason. */
async function recordDeliveryReport(
  db: Db,
  bounce: { mail: ParsedMail; reports: DeliveryReport[] },
  channel: InboundChannel,
  commit: Commit,
): Promise<InboundReply[]> {
  const row = await commit(() => {
    const marked = recordBounces(db, bounce.reports);
    const who = bounce.reports.map((r) => r.recipient).join(', ') || 'no failed recipient';
    const reason = `delivery report (bounce) for ${who}; ${marked.length} outbox message(s) marked`;
    return storeInboundReply(db, {
      receivedAt: nowIso(),
      channel,
      fromAddress: bounce.mail.from?.value[0]?.address?.toLowerCase() ?? null,
      subject: bounce.mail.subject?.slice(0, 500) ?? null,
      messageId: bounce.mail.messageId ?? null,
      uid: null,
      attendee: null,
      partstat: null,
      invitationId: null,
      reason: reason.slice(0, 1000),
    });
  });
  return [row];
}

/** Received calendar replies, newest first; `unmatched` keeps those that were not recorded. */
/** `programmes`: the caller's scope (scopeParam), null for all. */
export function listInboundReplies(
  db: Db,
  query: { unmatched?: boolean; limit: number; offset: number },
  programmes: string | null,
) {
  const { items, total } = inboundReplies(db, query, programmes);
  return { items, total, limit: query.limit, offset: query.offset };
}
