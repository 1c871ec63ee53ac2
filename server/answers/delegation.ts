import type { Db } from '../../db/client.ts';
import type { InvitationResponse } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest, conflict, notFound } from '../http/problems.ts';
import {
  invitedPeople,
  loadMeetingContext,
  type MailConfig,
  queueMeetingMail,
  toAttendee,
} from '../invitations/queue-mail.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { insertPerson } from '../register/people.ts';
import { nowIso } from '../time.ts';
import { readInvitee } from './meeting-reads.ts';
import {
  currentDelegate,
  insertDelegateInvitation,
  invitationOfPerson,
  inviteeEmail,
  personIdByEmail,
  reinstateAsDelegate,
} from './queries.ts';
import { answerState, recordResponse } from './responses.ts';
import type { AnswerState, DelegationInput } from './schemas.ts';
import { issueAnswerToken } from './tokens.ts';

export interface DelegationResult {
  answer: AnswerState;
  delegateInvitationId: number;
  delegatePersonId: number;
  /** Whether the delegate was new to the register (created in the delegator's organisation). */
  createdPerson: boolean;
}

/**
 * A leader who cannot come passes their invitation to a colleague: the colleague (found by email,
 * or created in the same organisation) gets an invitation of their own pointing back at this one,
 * with the full invitation email and a fresh answer link; this invitation's answer becomes "delegated".
 */
export function delegateInvitation(
  db: Db,
  actor: Actor,
  config: MailConfig,
  invitationId: number,
  input: DelegationInput,
): DelegationResult {
  return db.transaction(() => {
    const from = readInvitee(db, invitationId);
    if (from.withdrawnAt) throw notFound('Invitation', invitationId);
    const meeting = meetingRecord(db, from.meetingId);
    if (meeting.status === 'cancelled') throw conflict('The meeting is cancelled; answers are closed');
    if (input.email === from.email)
      throw badRequest('You cannot pass the invitation to yourself', [
        { field: 'body.email', message: 'is your own address' },
      ]);
    const now = nowIso();
    const { personId, createdPerson } = standInPerson(db, actor, from, input, now);
    const existing = invitationOfPerson(db, meeting.id, personId);
    if (existing && !existing.withdrawnAt)
      throw conflict(`${input.email} is already invited to this meeting`, { invitationId: existing.id });
    let delegateInvitationId: number;
    // added by hand: the audience rules must not withdraw a stand-in who holds no audience role
    if (existing) {
      reinstateAsDelegate(db, existing.id, invitationId, now);
      delegateInvitationId = existing.id;
    } else {
      delegateInvitationId = insertDelegateInvitation(db, meeting.id, personId, invitationId, now);
    }
    recordAudit(db, actor, {
      action: 'create',
      entity: 'invitation',
      entityId: delegateInvitationId,
      changes: { meetingId: meeting.id, personId, delegatedFromId: invitationId },
    });
    const token = issueAnswerToken(db, delegateInvitationId, meeting.endsAt);
    recordResponse(db, actor, invitationId, { response: 'delegated', comment: input.comment });
    queueDelegateInvitation(db, config, delegateInvitationId, token);
    return {
      answer: answerState(db, invitationId),
      delegateInvitationId,
      delegatePersonId: personId,
      createdPerson,
    };
  });
}

/** The stand-in as a person of the register: found by email, or created in the delegator's organisation. */
function standInPerson(
  db: Db,
  actor: Actor,
  from: ReturnType<typeof readInvitee>,
  input: DelegationInput,
  now: string,
): { personId: number; createdPerson: boolean } {
  const known = personIdByEmail(db, input.email);
  if (known !== undefined) return { personId: known, createdPerson: false };
  const personId = insertPerson(
    db,
    {
      name: input.name,
      email: input.email,
      organisationId: from.organisationId,
      roles: [],
      isFixedContact: false,
      // a colleague in the same organisation most likely reads what the delegator reads
      language: from.languageCode,
    },
    now,
  );
  recordAudit(db, actor, {
    action: 'create',
    entity: 'person',
    entityId: personId,
    changes: { name: input.name, email: input.email, organisationId: from.organisationId, via: 'delegation' },
  });
  return { personId, createdPerson: true };
}

/**
 * Queues the delegate's invitation: the same email as the sending side's (kind "invitation") with
 * their own answer links and the REQUEST calendar part, where their ATTENDEE carries DELEGATED-FROM
 * and the delegator's DELEGATED-TO.
 */
export function queueDelegateInvitation(
  db: Db,
  config: MailConfig,
  delegateInvitationId: number,
  token: string,
): number {
  const delegate = readInvitee(db, delegateInvitationId);
  const meetingId = delegate.meetingId;
  const everyone = invitedPeople(db, meetingId);
  const ctx = loadMeetingContext(db, config, meetingRecord(db, meetingId));
  return queueMeetingMail(db, config, ctx, {
    kind: 'invitation',
    recipients: everyone.filter((r) => r.invitationId === delegateInvitationId),
    delegatedBy: delegate.delegatedFromId === null ? null : readInvitee(db, delegate.delegatedFromId).name,
    attendees: everyone.map(toAttendee),
    tokens: new Map([[delegateInvitationId, token]]),
  });
}

/**
 * The ATTENDEE parameters that show a delegation (RFC 5545 DELEGATED-TO / DELEGATED-FROM), in
 * the calendar attendee fields (`CalendarAttendee`).
 */
export function delegationAttendeeParams(
  db: Db,
  invitation: { id: number; delegatedFromId: number | null; response: InvitationResponse },
): { delegatedFrom?: string; delegatedTo?: string } {
  const params: { delegatedFrom?: string; delegatedTo?: string } = {};
  if (invitation.delegatedFromId !== null) {
    const from = inviteeEmail(db, invitation.delegatedFromId);
    if (from) params.delegatedFrom = from;
  }
  if (invitation.response === 'delegated') {
    const to = currentDelegate(db, invitation.id);
    if (to) params.delegatedTo = to.email;
  }
  return params;
}
