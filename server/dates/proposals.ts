import type { Db } from '../../db/client.ts';
import { dateProposalMail, type ProposedDate } from '../../emails/date-proposal.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { conflict, unprocessable } from '../http/problems.ts';
import { loadMeetingContext, type MailConfig, messageDomain } from '../invitations/queue-mail.ts';
import { enqueueMail } from '../mail/outbox.ts';
import type { MeetingChange } from '../planning/meeting-changes.ts';
import { type MeetingRecord, meetingRecord } from '../planning/meetings.ts';
import { newDateLink } from './links.ts';
import {
  agreementOf,
  contactsOfProposal,
  deleteAgreement,
  insertProposal,
  insertProposalContact,
  type MeetingContactRow,
  meetingContacts,
  type ProposalRow,
  saveAgreement,
  setProposalState,
  supersedeOpenProposals,
  unproposedMeetings,
} from './queries.ts';
import type { ProposalReport } from './schemas.ts';

/** The date link in an email. */
export function dateLinkUrl(config: MailConfig, token: string): string {
  return `${config.PUBLIC_URL.replace(/\/+$/, '')}/datoforslag/${token}`;
}

/** A proposal as its emails show it: the meeting's title and place, the proposal's time and reason, who signs. */
export function proposedDateOf(
  db: Db,
  config: MailConfig,
  m: MeetingRecord,
  p: Pick<ProposalRow, 'startsAt' | 'endsAt' | 'reason'>,
): ProposedDate {
  const { view } = loadMeetingContext(db, config, m, []);
  return {
    title: m.title,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    timeZone: m.timeZone,
    venueName: m.venueName,
    venueAddress: m.venueAddress,
    reason: p.reason,
    from: view.facilitator ?? null,
    signature: view.programmeSignature ?? null,
  };
}

function assertProposable(m: MeetingRecord): void {
  if (m.status !== 'draft' && m.status !== 'planned')
    throw conflict(`Meeting ${m.id} is ${m.status}; only a planned meeting's date is proposed`, {
      currentStatus: m.status,
    });
}

/**
 * Proposes the meeting's current date to the fixed contacts of its district and of its host: one
 * proposal in the history, one personal link and one email per contact, in one transaction. An
 * earlier open proposal is replaced (its links then say so). `alreadyAgreed` is the contact whose
 * counter-proposal this date is: they are counted as having confirmed it.
 */
export function proposeDate(
  db: Db,
  config: MailConfig,
  actor: Actor | null,
  meetingId: number,
  options: { alreadyAgreed?: number | null; reason?: string | null; now?: Date } = {},
): ProposalReport {
  return db.transaction(() => {
    const m = meetingRecord(db, meetingId);
    assertProposable(m);
    const contacts = meetingContacts(db, meetingId);
    if (contacts.length === 0) return { meetingId, proposalId: null, asked: 0, withoutContact: true };
    const now = (options.now ?? new Date()).toISOString();
    supersedeOpenProposals(db, meetingId, now);
    // the reason in one sentence: the planner's first line says why this day
    const reason = options.reason !== undefined ? options.reason : (m.explanation?.split('\n')[0] ?? null);
    const proposalId = insertProposal(db, {
      meetingId,
      kind: 'facilitator',
      state: 'open',
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      proposedById: null,
      actorEmail: actor?.email ?? null,
      reason,
      createdAt: now,
    });
    saveAgreement(db, meetingId, 'proposed', now);
    const proposed = proposedDateOf(db, config, m, { startsAt: m.startsAt, endsAt: m.endsAt, reason });
    for (const c of contacts)
      queueProposal(db, config, m, proposalId, c, proposed, options.alreadyAgreed ?? null, now);
    recordAudit(db, actor, {
      action: 'send',
      entity: 'meeting',
      entityId: meetingId,
      changes: { dateProposal: proposalId, startsAt: m.startsAt, asked: contacts.length },
    });
    settleProposal(db, proposalId, now);
    return { meetingId, proposalId, asked: contacts.length, withoutContact: false };
  });
}

function queueProposal(
  db: Db,
  config: MailConfig,
  m: MeetingRecord,
  proposalId: number,
  c: MeetingContactRow,
  proposed: ProposedDate,
  alreadyAgreed: number | null,
  now: string,
): void {
  const link = newDateLink();
  const agreed = c.personId === alreadyAgreed;
  insertProposalContact(db, {
    proposalId,
    personId: c.personId,
    organisationId: c.organisationId,
    tokenLookupId: link.lookupId,
    tokenHash: link.secretHash,
    answer: agreed ? 'confirmed' : 'pending',
    answeredAt: agreed ? now : null,
    createdAt: now,
  });
  const mail = dateProposalMail(
    { name: c.name, language: c.language, organisationName: c.organisationName },
    proposed,
    dateLinkUrl(config, link.token),
  );
  enqueueMail(
    db,
    {
      kind: 'date-proposal',
      to: { address: c.email, name: c.name },
      ...mail,
      meetingId: m.id,
      invitationId: null,
    },
    messageDomain(config),
  );
}

/**
 * A proposal is agreed when every organisation asked has confirmed it (one contact of each is
 * enough: the district and the host each speak once). Then the meeting's date is confirmed.
 */
export function settleProposal(db: Db, proposalId: number, now: string): boolean {
  const contacts = contactsOfProposal(db, proposalId);
  const organisations = new Set(contacts.map((c) => c.organisationId));
  const agreed = new Set(contacts.filter((c) => c.answer === 'confirmed').map((c) => c.organisationId));
  if (contacts.length === 0 || agreed.size < organisations.size) return false;
  setProposalState(db, proposalId, 'confirmed', now);
  saveAgreement(db, contacts[0]!.meetingId, 'confirmed', now, now);
  return true;
}

/** Proposes every planned meeting of a year not yet proposed, each in its own transaction. */
export function proposeCycleDates(
  db: Db,
  config: MailConfig,
  actor: Actor,
  year: number,
  areaKind: string,
  mayWrite: (meetingId: number) => boolean,
): ProposalReport[] {
  return unproposedMeetings(db, year, areaKind)
    .filter(mayWrite)
    .map((id) => proposeDate(db, config, actor, id));
}

/**
 * A meeting moved (by the facilitator, or to a counter-proposal they accepted) or cancelled: what
 * was asked or agreed was about another date, so it is asked again (the history keeps the rest).
 */
export function forgetAgreementAfterChange(db: Db, change: MeetingChange): void {
  if (change.kind !== 'rescheduled' && change.kind !== 'cancelled') return;
  if (!agreementOf(db, change.after.id)) return;
  const now = new Date().toISOString();
  supersedeOpenProposals(db, change.after.id, now);
  if (change.kind === 'rescheduled') deleteAgreement(db, change.after.id);
}

export function noContactRefusal(meetingId: number) {
  return unprocessable(
    `Meeting ${meetingId}: neither its district nor its host has a fixed contact person to propose the date to`,
  );
}
