import type { DateAgreementStatus, DateAnswer, DateProposalState } from '../../db/schema/index.ts';
import { type DbOrTx, prepared } from '../../db/statements.ts';
import { textsLanguageSql } from '../programmes/queries.ts';
import type { Language } from '../text/language.ts';

/** Agreeing dates: the SQL of date agreements, proposals and the contacts asked, in one place. */

export interface AgreementRow {
  meetingId: number;
  status: DateAgreementStatus;
  confirmedAt: string | null;
  saveTheDateAt: string | null;
}

export function agreementOf(db: DbOrTx, meetingId: number): AgreementRow | undefined {
  return prepared<AgreementRow>(
    db,
    `SELECT meeting_id AS meetingId, status, confirmed_at AS confirmedAt, save_the_date_at AS saveTheDateAt
     FROM date_agreement WHERE meeting_id = ?`,
  ).get(meetingId);
}

export function saveAgreement(
  db: DbOrTx,
  meetingId: number,
  status: DateAgreementStatus,
  now: string,
  confirmedAt: string | null = null,
): void {
  prepared(
    db,
    `INSERT INTO date_agreement (meeting_id, status, confirmed_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET status = excluded.status, confirmed_at = excluded.confirmed_at,
       updated_at = excluded.updated_at`,
  ).run(meetingId, status, confirmedAt, now);
}

export function deleteAgreement(db: DbOrTx, meetingId: number): void {
  prepared(db, 'DELETE FROM date_agreement WHERE meeting_id = ?').run(meetingId);
}

export function setSaveTheDate(db: DbOrTx, meetingId: number, now: string): void {
  prepared(db, 'UPDATE date_agreement SET save_the_date_at = ?, updated_at = ? WHERE meeting_id = ?').run(
    now,
    now,
    meetingId,
  );
}

export interface ProposalRow {
  id: number;
  meetingId: number;
  kind: 'facilitator' | 'counter';
  state: DateProposalState;
  startsAt: string;
  endsAt: string;
  proposedById: number | null;
  proposedByName: string | null;
  proposedByOrganisation: string | null;
  actorEmail: string | null;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

const PROPOSAL_SELECT = `SELECT d.id, d.meeting_id AS meetingId, d.kind, d.state, d.starts_at AS startsAt,
    d.ends_at AS endsAt, d.proposed_by_id AS proposedById, p.name AS proposedByName, po.name AS proposedByOrganisation, d.actor_email AS actorEmail,
    d.reason, d.created_at AS createdAt, d.decided_at AS decidedAt
  FROM date_proposal d LEFT JOIN person p ON p.id = d.proposed_by_id LEFT JOIN organisation po ON po.id = p.organisation_id`;

export function insertProposal(
  db: DbOrTx,
  row: Omit<ProposalRow, 'id' | 'proposedByName' | 'proposedByOrganisation' | 'decidedAt'>,
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO date_proposal (meeting_id, kind, state, starts_at, ends_at, proposed_by_id, actor_email, reason, created_at)
       VALUES (:meetingId, :kind, :state, :startsAt, :endsAt, :proposedById, :actorEmail, :reason, :createdAt)`,
    ).run(row).lastInsertRowid,
  );
}

export function proposalById(db: DbOrTx, id: number): ProposalRow | undefined {
  return prepared<ProposalRow>(db, `${PROPOSAL_SELECT} WHERE d.id = ?`).get(id);
}

/** Oldest first: the history of agreeing the meeting's date. */
export function proposalsOfMeeting(db: DbOrTx, meetingId: number): ProposalRow[] {
  return prepared<ProposalRow>(db, `${PROPOSAL_SELECT} WHERE d.meeting_id = ? ORDER BY d.id`).all(meetingId);
}

export function setProposalState(db: DbOrTx, id: number, state: DateProposalState, now: string): void {
  prepared(db, 'UPDATE date_proposal SET state = ?, decided_at = ? WHERE id = ?').run(state, now, id);
}

/** Open proposals and waiting counter-proposals of a meeting no longer stand (a new one, a move). */
export function supersedeOpenProposals(db: DbOrTx, meetingId: number, now: string): number {
  return prepared(
    db,
    `UPDATE date_proposal SET state = 'superseded', decided_at = ?
     WHERE meeting_id = ? AND state IN ('open', 'pending')`,
  ).run(now, meetingId).changes;
}

/** A contact who should be asked: a fixed contact person of the district or of the host. */
export interface MeetingContactRow {
  personId: number;
  name: string;
  email: string;
  language: Language;
  organisationId: number;
  organisationName: string;
}

/**
 * The fixed contacts of the area's convener (the police district) and of the meeting's host, and the
 * host contact of its venue (the register's), convener first.
 */
export function meetingContacts(db: DbOrTx, meetingId: number): MeetingContactRow[] {
  return prepared<MeetingContactRow>(
    db,
    `SELECT p.id AS personId, p.name, p.email, ${textsLanguageSql('p.language')} AS language,
            o.id AS organisationId, o.name AS organisationName
     FROM meeting m JOIN area a ON a.id = m.area_id LEFT JOIN venue v ON v.id = m.venue_id
     JOIN person p ON (p.is_fixed_contact = 1 AND (p.organisation_id = a.convener_id OR p.organisation_id = m.host_organisation_id))
                   OR p.id = v.host_contact_id
     JOIN organisation o ON o.id = p.organisation_id
     WHERE m.id = ?
     ORDER BY CASE WHEN o.id = a.convener_id THEN 0 ELSE 1 END, o.name, p.name, p.id`,
  ).all(meetingId);
}

export function insertProposalContact(
  db: DbOrTx,
  row: {
    proposalId: number;
    personId: number;
    organisationId: number;
    tokenLookupId: string;
    tokenHash: string;
    answer: DateAnswer;
    answeredAt: string | null;
    createdAt: string;
  },
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO date_proposal_contact (proposal_id, person_id, organisation_id, token_lookup_id, token_hash, answer, answered_at, created_at)
       VALUES (:proposalId, :personId, :organisationId, :tokenLookupId, :tokenHash, :answer, :answeredAt, :createdAt)`,
    ).run(row).lastInsertRowid,
  );
}

/** One contact asked about one proposal, with who they are. */
export interface ProposalContactRow {
  id: number;
  proposalId: number;
  meetingId: number;
  personId: number;
  name: string;
  email: string;
  language: Language;
  organisationId: number;
  organisationName: string;
  tokenHash: string;
  answer: DateAnswer;
  answeredAt: string | null;
  chasedAt: string | null;
  createdAt: string;
}

const CONTACT_SELECT = `SELECT c.id, c.proposal_id AS proposalId, d.meeting_id AS meetingId, c.person_id AS personId,
    p.name, p.email, ${textsLanguageSql('p.language')} AS language, c.organisation_id AS organisationId,
    o.name AS organisationName, c.token_hash AS tokenHash, c.answer, c.answered_at AS answeredAt,
    c.chased_at AS chasedAt, c.created_at AS createdAt
  FROM date_proposal_contact c JOIN date_proposal d ON d.id = c.proposal_id
  JOIN person p ON p.id = c.person_id JOIN organisation o ON o.id = c.organisation_id`;

/** The contact a link belongs to (the first mail's or the reminder's), with that link's secret hash as tokenHash. */
export function contactByLookupId(db: DbOrTx, lookupId: string): ProposalContactRow | undefined {
  const row = prepared<ProposalContactRow & { reminderHash: string | null; firstLink: number }>(
    db,
    `${CONTACT_SELECT.replace(' FROM date_proposal_contact c', ', c.reminder_hash AS reminderHash, c.token_lookup_id = :id AS firstLink FROM date_proposal_contact c')}
     WHERE c.token_lookup_id = :id OR c.reminder_lookup_id = :id`,
  ).get({ id: lookupId });
  if (!row) return undefined;
  const { reminderHash, firstLink, ...contact } = row;
  return firstLink ? contact : { ...contact, tokenHash: reminderHash ?? '' };
}

export function contactsOfProposal(db: DbOrTx, proposalId: number): ProposalContactRow[] {
  return prepared<ProposalContactRow>(db, `${CONTACT_SELECT} WHERE c.proposal_id = ? ORDER BY c.id`).all(
    proposalId,
  );
}

export function setContactAnswer(db: DbOrTx, id: number, answer: DateAnswer, now: string): void {
  prepared(db, 'UPDATE date_proposal_contact SET answer = ?, answered_at = ? WHERE id = ?').run(
    answer,
    now,
    id,
  );
}

export function setContactChased(
  db: DbOrTx,
  id: number,
  now: string,
  link: { lookupId: string; secretHash: string },
): void {
  prepared(
    db,
    'UPDATE date_proposal_contact SET chased_at = ?, reminder_lookup_id = ?, reminder_hash = ? WHERE id = ?',
  ).run(now, link.lookupId, link.secretHash, id);
}

/** Raises a meeting's calendar SEQUENCE: what it sends next replaces what was just sent (a save-the-date). */
export function raiseCalendarSequence(db: DbOrTx, meetingId: number, now: string): void {
  prepared(
    db,
    'UPDATE meeting SET ics_sequence = ics_sequence + 1, version = version + 1, updated_at = ? WHERE id = ?',
  ).run(now, meetingId);
}

/** An unanswered contact with the settings of their meeting's cycle (how many days before a reminder). */
export interface UnansweredContactRow extends ProposalContactRow {
  cycleSettings: string | null;
}

/** Unanswered contacts of open proposals of meetings still ahead (not cancelled or held), never chased. */
export function unchasedContacts(db: DbOrTx, now: string): UnansweredContactRow[] {
  return prepared<UnansweredContactRow>(
    db,
    `${CONTACT_SELECT.replace(' FROM date_proposal_contact c', ', cy.settings AS cycleSettings FROM date_proposal_contact c')}
     JOIN meeting m ON m.id = d.meeting_id LEFT JOIN cycle cy ON cy.id = m.cycle_id
     WHERE c.answer = 'pending' AND c.chased_at IS NULL AND d.state = 'open'
       AND m.status NOT IN ('cancelled', 'held') AND m.starts_at > ?
     ORDER BY c.id`,
  ).all(now);
}

/** A meeting of a year as the overview of agreeing dates lists it. */
export interface AgreementListRow {
  meetingId: number;
  title: string;
  areaName: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  meetingStatus: string;
  agreementStatus: DateAgreementStatus | null;
  confirmedAt: string | null;
  saveTheDateAt: string | null;
  openProposalId: number | null;
  proposedAt: string | null;
  asked: number;
  confirmed: number;
  chased: number;
  pendingCounterId: number | null;
}

/**
 * The meetings of a year (not cancelled) with where agreeing their date stands. `programmes` is the
 * caller's scope (a JSON array of programme ids, or null for all).
 */
export function agreementList(
  db: DbOrTx,
  year: number | null,
  programmes: string | null,
): AgreementListRow[] {
  return prepared<AgreementListRow>(
    db,
    `SELECT m.id AS meetingId, m.title, a.name AS areaName, m.starts_at AS startsAt, m.ends_at AS endsAt,
            m.time_zone AS timeZone, m.status AS meetingStatus, g.status AS agreementStatus,
            g.confirmed_at AS confirmedAt, g.save_the_date_at AS saveTheDateAt,
            op.id AS openProposalId, op.created_at AS proposedAt,
            (SELECT count(*) FROM date_proposal_contact c WHERE c.proposal_id = op.id) AS asked,
            (SELECT count(*) FROM date_proposal_contact c WHERE c.proposal_id = op.id AND c.answer = 'confirmed') AS confirmed,
            (SELECT count(*) FROM date_proposal_contact c WHERE c.proposal_id = op.id AND c.chased_at IS NOT NULL) AS chased,
            (SELECT max(d.id) FROM date_proposal d WHERE d.meeting_id = m.id AND d.state = 'pending') AS pendingCounterId
     FROM meeting m JOIN area a ON a.id = m.area_id LEFT JOIN cycle cy ON cy.id = m.cycle_id
     LEFT JOIN date_agreement g ON g.meeting_id = m.id
     LEFT JOIN date_proposal op ON op.id = (SELECT max(d.id) FROM date_proposal d
                                            WHERE d.meeting_id = m.id AND d.kind = 'facilitator' AND d.state = 'open')
     WHERE m.status <> 'cancelled'
       AND (:year IS NULL OR cy.year = :year OR (cy.id IS NULL AND substr(m.starts_at, 1, 4) = CAST(:year AS TEXT)))
       AND (:programmes IS NULL OR a.programme_id IN (SELECT value FROM json_each(:programmes)))
     ORDER BY m.starts_at, a.name, m.id`,
  ).all({ year, programmes });
}

/** The meetings of a year not yet proposed, for sending every proposal of a cycle at once. */
export function unproposedMeetings(db: DbOrTx, year: number, areaKind: string): number[] {
  return prepared<{ id: number }>(
    db,
    `SELECT m.id FROM meeting m JOIN cycle cy ON cy.id = m.cycle_id
     WHERE cy.year = ? AND cy.area_kind = ? AND m.status IN ('draft', 'planned')
       AND NOT EXISTS (SELECT 1 FROM date_agreement g WHERE g.meeting_id = m.id)
     ORDER BY m.starts_at, m.id`,
  )
    .all(year, areaKind)
    .map((r) => r.id);
}
