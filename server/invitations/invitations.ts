import type { Db } from '../../db/client.ts';
import type { AgendaItem } from '../../emails/meeting-mail.ts';
import type { Actor } from '../accounts/accounts.ts';
import { issueAnswerTokens, newAnswerLinks, revokeFurtherAnswerTokens } from '../answers/tokens.ts';
import { fillFreePlaces } from '../answers/waiting-list.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest, conflict, unprocessable } from '../http/problems.ts';
import { sessionOffers } from '../meeting-sessions/sessions.ts';
import type { MeetingRow } from '../planning/meeting-changes.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { nowIso } from '../time.ts';
import { audienceToInvite } from './audience.ts';
import {
  insertInvitation,
  invitationState,
  personExists,
  restoreByHand,
  setMeetingStatus,
  withdrawInvitation,
} from './queries.ts';
import {
  invitedPeople,
  loadMeetingContext,
  type MailConfig,
  queueMeetingMail,
  toAttendee,
} from './queue-mail.ts';

function assertOpen(m: MeetingRow): void {
  if (m.status === 'cancelled' || m.status === 'held')
    throw conflict(`Meeting ${m.id} is ${m.status}; its audience and invitations can no longer change`);
}

function assertPerson(db: Db, personId: number): void {
  if (!personExists(db, personId))
    throw badRequest(`Person ${personId} does not exist`, [
      { field: 'body.personId', message: 'unknown person' },
    ]);
}

/**
 * Adds a person to a meeting's audience by hand (or undoes an earlier removal). They are invited
 * with the next POST /invitations; one taken off after an invitation gets a fresh one then.
 */
export function addToAudience(db: Db, actor: Actor, meetingId: number, personId: number): { added: boolean } {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    assertOpen(m);
    assertPerson(db, personId);
    const now = nowIso();
    const existing = invitationState(db, meetingId, personId);
    if (existing && !existing.withdrawnAt && existing.addedByHand) return { added: false };
    if (existing) {
      // back on the list: a withdrawn invitation starts again as not yet sent, with no answer
      restoreByHand(db, existing.id, now);
      if (existing.withdrawnAt) revokeFurtherAnswerTokens(db, existing.id);
    } else {
      insertInvitation(db, { meetingId, personId, addedByHand: true, now });
    }
    recordAudit(db, actor, {
      action: 'update',
      entity: 'meeting_audience',
      entityId: meetingId,
      changes: { added: personId },
    });
    return { added: true };
  });
}

/**
 * Takes a person off a meeting's audience. Someone already invited gets a CANCEL addressed to them
 * alone; someone not yet invited is simply not invited.
 */
export function removeFromAudience(
  db: Db,
  config: MailConfig,
  actor: Actor,
  meetingId: number,
  personId: number,
): { removed: boolean; cancellationQueued: boolean } {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    assertOpen(m);
    assertPerson(db, personId);
    const now = nowIso();
    const existing = invitationState(db, meetingId, personId);
    if (existing?.withdrawnAt) return { removed: false, cancellationQueued: false };
    let cancellationQueued = false;
    if (existing) {
      if (existing.sent) {
        const invitee = invitedPeople(db, meetingId).find((r) => r.invitationId === existing.id);
        if (invitee) {
          const ctx = loadMeetingContext(db, config, m);
          queueMeetingMail(db, config, ctx, {
            kind: 'withdrawn',
            recipients: [invitee],
            attendees: [{ name: invitee.name, email: invitee.email }],
          });
          cancellationQueued = true;
        }
      }
      withdrawInvitation(db, existing.id, now);
      // an accepted place given back goes to the first on the waiting list
      fillFreePlaces(db, meetingId);
    } else {
      // chosen by the audience rules: a withdrawn, never-sent row keeps them out
      insertInvitation(db, { meetingId, personId, addedByHand: false, withdrawnAt: now, now });
    }
    recordAudit(db, actor, {
      action: 'update',
      entity: 'meeting_audience',
      entityId: meetingId,
      changes: { removed: personId, cancellationQueued },
    });
    return { removed: true, cancellationQueued };
  });
}

export interface SendReport {
  meetingId: number;
  /** Newly invited now (one email each). */
  invited: number;
  /** Already invited earlier, not sent again. */
  alreadyInvited: number;
  queued: number;
  status: MeetingRow['status'];
}

/**
 * Invites everyone in the audience not yet invited: one invitation, one answer link and one queued
 * email each, all in one transaction with the meeting's status change.
 */
export function sendInvitations(
  db: Db,
  config: MailConfig,
  actor: Actor | null,
  meetingId: number,
  options: {
    agenda?: AgendaItem[];
    /** Only these people of the audience (e.g. a delegate just added by hand); default everyone. */
    personIds?: number[];
  } = {},
): SendReport {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    assertOpen(m);
    const only = options.personIds ? new Set(options.personIds) : null;
    const audience = audienceToInvite(db, m).filter((p) => !only || only.has(p.personId));
    if (audience.length === 0)
      throw unprocessable(`Meeting ${meetingId} has nobody in its audience; add people or roles first`);
    const now = nowIso();
    const pending: number[] = [];
    const uninvited: number[] = [];
    let alreadyInvited = 0;
    for (const p of audience) {
      if (p.invitation?.state === 'sent') alreadyInvited++;
      else if (p.invitation) pending.push(p.invitation.id);
      else uninvited.push(p.personId);
    }
    // rows made now get their answer link as they are inserted; rows waiting already, theirs now
    const tokens = issueAnswerTokens(db, pending, m.endsAt);
    const links = newAnswerLinks(uninvited.length, m.endsAt);
    uninvited.forEach((personId, i) => {
      const { token, link } = links[i]!;
      tokens.set(insertInvitation(db, { meetingId: m.id, personId, addedByHand: false, now, link }), token);
    });
    let status = m.status;
    if (status === 'draft' || status === 'planned') {
      status = 'invited';
      setMeetingStatus(db, m.id, status, now);
    }
    const everyone = invitedPeople(db, m.id);
    const recipients = everyone.filter((r) => tokens.has(r.invitationId));
    const ctx = loadMeetingContext(db, config, { ...m, status }, options.agenda);
    // a meeting held as sessions: the invitation offers them; each invitee's calendar entry comes with their choice
    const sessions = sessionOffers(db, m.id);
    queueMeetingMail(db, config, ctx, {
      kind: 'invitation',
      recipients,
      attendees: everyone.map(toAttendee),
      tokens,
      ...(sessions.length ? { sessions, withCalendar: false } : {}),
    });
    recordAudit(db, actor, {
      action: 'send',
      entity: 'meeting',
      entityId: m.id,
      changes: { invited: recipients.length, alreadyInvited },
    });
    return { meetingId: m.id, invited: recipients.length, alreadyInvited, queued: recipients.length, status };
  });
}
