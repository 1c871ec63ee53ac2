import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { conflict, notFound } from '../http/problems.ts';
import type { MailConfig } from '../invitations/queue-mail.ts';
import type { PlanningContext } from '../planning/context.ts';
import { utcToZoned } from '../planning/days.ts';
import { updateMeeting } from '../planning/meeting-updates.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { proposeDate } from './proposals.ts';
import { agreementOf, type ProposalRow, proposalById, saveAgreement, setProposalState } from './queries.ts';
import type { ProposalReport } from './schemas.ts';

function pendingCounter(db: Db, meetingId: number, proposalId: number): ProposalRow {
  const p = proposalById(db, proposalId);
  if (!p || p.meetingId !== meetingId || p.kind !== 'counter') throw notFound('Counter-proposal', proposalId);
  if (p.state !== 'pending')
    throw conflict(`Counter-proposal ${proposalId} is ${p.state}; only a waiting one can be decided`, {
      currentState: p.state,
    });
  return p;
}

/**
 * The facilitator accepts a contact's counter-proposal: the meeting moves there (held to the rules
 * again, as any move), and the new date goes to every contact, the proposer counted as agreed.
 */
export function acceptCounterProposal(
  db: Db,
  config: MailConfig,
  actor: Actor,
  context: PlanningContext,
  meetingId: number,
  proposalId: number,
): ProposalReport {
  return db.transaction(() => {
    const p = pendingCounter(db, meetingId, proposalId);
    const m = meetingRecord(db, meetingId);
    const now = new Date().toISOString();
    setProposalState(db, p.id, 'accepted', now);
    const start = utcToZoned(p.startsAt, m.timeZone);
    updateMeeting(db, actor, context, meetingId, {
      version: m.version,
      date: start.date,
      startTime: start.time,
      endTime: utcToZoned(p.endsAt, m.timeZone).time,
      force: false,
    });
    const reason = p.proposedByName ? `${p.proposedByName}: ${p.reason ?? ''}`.replace(/: $/, '') : p.reason;
    return proposeDate(db, config, actor, meetingId, { alreadyAgreed: p.proposedById, reason });
  });
}

/** The facilitator keeps the proposed date: the counter-proposal is rejected, the proposal stands open. */
export function rejectCounterProposal(db: Db, actor: Actor, meetingId: number, proposalId: number): void {
  db.transaction(() => {
    const p = pendingCounter(db, meetingId, proposalId);
    const now = new Date().toISOString();
    setProposalState(db, p.id, 'rejected', now);
    if (agreementOf(db, meetingId)?.status === 'countered') saveAgreement(db, meetingId, 'proposed', now);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'meeting',
      entityId: meetingId,
      changes: { counterProposalRejected: proposalId },
    });
  });
}
