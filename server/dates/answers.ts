import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest, conflict } from '../http/problems.ts';
import { utcToZoned, zonedToUtc } from '../planning/days.ts';
import { settingsOf } from '../planning/meeting-updates.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { violationsAt } from '../planning/rule-check.ts';
import { contactOfLink } from './links.ts';
import { settleProposal } from './proposals.ts';
import {
  agreementOf,
  insertProposal,
  type ProposalContactRow,
  proposalById,
  proposalsOfMeeting,
  saveAgreement,
  setContactAnswer,
  setProposalState,
} from './queries.ts';
import { DateRefused } from './refusals.ts';
import type { CounterProposalInput, DateLinkView } from './schemas.ts';

/** What a contact does from their link, recorded under the link (as the answer links are). */
function contactActor(c: ProposalContactRow): Actor {
  return { id: null, email: `datolink:${c.email}`, role: 'viewer', programmes: new Map() };
}

/** The contact's page: the proposal their link belongs to, and where agreeing the date stands. */
export function dateLinkView(db: Db, contact: ProposalContactRow): DateLinkView {
  const m = meetingRecord(db, contact.meetingId);
  const p = proposalById(db, contact.proposalId)!;
  const start = utcToZoned(p.startsAt, m.timeZone);
  const counter = proposalsOfMeeting(db, m.id)
    .filter((d) => d.kind === 'counter' && d.state === 'pending' && d.proposedById === contact.personId)
    .at(-1);
  const counterStart = counter && utcToZoned(counter.startsAt, m.timeZone);
  return {
    meeting: {
      id: m.id,
      title: m.title,
      areaName: m.areaName,
      venueName: m.venueName,
      venueAddress: m.venueAddress,
      timeZone: m.timeZone,
      status: m.status,
    },
    organisationName: contact.organisationName,
    contactName: contact.name,
    language: contact.language,
    proposal: {
      id: p.id,
      state: p.state,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      localDate: start.date,
      localStartTime: start.time,
      localEndTime: utcToZoned(p.endsAt, m.timeZone).time,
      reason: p.reason,
    },
    answer: contact.answer,
    agreement: agreementOf(db, m.id)?.status ?? 'unproposed',
    counterProposal: counterStart
      ? { localDate: counterStart.date, localStartTime: counterStart.time }
      : null,
  };
}

/** Only an open proposal of a meeting still ahead can be answered. */
function assertAnswerable(db: Db, contact: ProposalContactRow): void {
  const m = meetingRecord(db, contact.meetingId);
  if (m.status === 'cancelled' || m.status === 'held')
    throw conflict(`Meeting ${m.id} is ${m.status}; its date can no longer change`, { reason: 'closed' });
  const p = proposalById(db, contact.proposalId)!;
  if (p.state === 'superseded')
    throw conflict('A newer proposal has replaced this one; use the link of the latest email', {
      reason: 'superseded',
    });
}

/** The contact confirms the proposed date; when every organisation asked has, the date is agreed. */
export function confirmDate(db: Db, token: string, now = new Date()): ProposalContactRow | null {
  return db.transaction(() => {
    const contact = contactOfLink(db, token);
    if (!contact) return null;
    assertAnswerable(db, contact);
    if (contact.answer === 'confirmed') return contact;
    const at = now.toISOString();
    setContactAnswer(db, contact.id, 'confirmed', at);
    recordAudit(db, contactActor(contact), {
      action: 'update',
      entity: 'meeting',
      entityId: contact.meetingId,
      changes: { dateConfirmed: contact.proposalId, by: contact.personId },
    });
    if (proposalById(db, contact.proposalId)!.state === 'open') settleProposal(db, contact.proposalId, at);
    return { ...contact, answer: 'confirmed', answeredAt: at };
  });
}

/** Local date and times of a counter-proposal, its times defaulting to the proposal's. */
function counterTiming(
  input: CounterProposalInput,
  proposal: { startsAt: string; endsAt: string },
  timeZone: string,
) {
  const startTime = input.startTime ?? utcToZoned(proposal.startsAt, timeZone).time;
  const endTime = input.endTime ?? utcToZoned(proposal.endsAt, timeZone).time;
  if (endTime <= startTime)
    throw badRequest('The meeting must end after it starts', [
      { field: input.endTime ? 'body.endTime' : 'body.startTime', message: 'must end after the start' },
    ]);
  return {
    date: input.date,
    startTime,
    endTime,
    startsAt: zonedToUtc(input.date, startTime, timeZone),
    endsAt: zonedToUtc(input.date, endTime, timeZone),
  };
}

/**
 * The contact proposes another date. It is held against the programme's rules as a move would be
 * (the facilitator's other meetings, the area's, blackouts, weekdays, the period): a broken rule is
 * refused and nothing changes. An allowed date waits for the facilitator, who accepts it (the
 * meeting moves and the new date goes to every contact) or rejects it: the other organisation has
 * agreed to nothing yet, and the facilitator's calendar is theirs to keep, so no counter-proposal
 * moves a meeting by itself.
 */
export function counterPropose(
  db: Db,
  token: string,
  input: CounterProposalInput,
  now = new Date(),
): { contact: ProposalContactRow; proposalId: number } | null {
  return db.transaction(() => {
    const contact = contactOfLink(db, token);
    if (!contact) return null;
    assertAnswerable(db, contact);
    const m = meetingRecord(db, contact.meetingId);
    const asked = proposalById(db, contact.proposalId)!;
    const timing = counterTiming(input, asked, m.timeZone);
    if (timing.startsAt === asked.startsAt && timing.endsAt === asked.endsAt)
      throw badRequest('That is the proposed date itself; confirm it instead', [
        { field: 'body.date', message: 'same as the proposal' },
      ]);
    if (Date.parse(timing.startsAt) <= now.getTime())
      throw badRequest('The proposed date has passed', [{ field: 'body.date', message: 'in the past' }]);
    const violations = violationsAt(db, {
      ...settingsOf(db, m),
      areaId: m.areaId,
      date: timing.date,
      startTime: timing.startTime,
      endTime: timing.endTime,
      facilitatorId: m.facilitatorId,
      meetingId: m.id,
    });
    if (violations.length > 0) throw new DateRefused(violations);
    const at = now.toISOString();
    // only the latest counter-proposal waits: an earlier one is replaced
    for (const earlier of proposalsOfMeeting(db, m.id))
      if (earlier.kind === 'counter' && earlier.state === 'pending')
        setProposalState(db, earlier.id, 'superseded', at);
    const proposalId = insertProposal(db, {
      meetingId: m.id,
      kind: 'counter',
      state: 'pending',
      startsAt: timing.startsAt,
      endsAt: timing.endsAt,
      proposedById: contact.personId,
      actorEmail: null,
      reason: input.note ?? null,
      createdAt: at,
    });
    setContactAnswer(db, contact.id, 'countered', at);
    saveAgreement(db, m.id, 'countered', at);
    recordAudit(db, contactActor(contact), {
      action: 'create',
      entity: 'meeting',
      entityId: m.id,
      changes: { counterProposal: proposalId, startsAt: timing.startsAt, by: contact.personId },
    });
    return { contact: { ...contact, answer: 'countered' as const, answeredAt: at }, proposalId };
  });
}
