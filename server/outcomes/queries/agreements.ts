import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  agreement,
  agreementBarrier,
  agreementContact,
  agreementMunicipality,
  agreementRevision,
  barrier,
  barrierContact,
  barrierMunicipality,
  barrierStatusChange,
} from '../../../db/schema/index.ts';
import { prepared } from '../../../db/statements.ts';
import { textsLanguageSql } from '../../programmes/queries.ts';
import type { Language } from '../../text/language.ts';
import type { Barrier } from '../schemas.ts';
import type { MunicipalityRef } from './references.ts';

/** Agreements, barriers and their follow-ups: their SQL, returning typed rows. */

export type AgreementRow = typeof agreement.$inferSelect;
export type BarrierRow = typeof barrier.$inferSelect;
export type AgreementRevisionRow = typeof agreementRevision.$inferSelect;

export interface ContactRow {
  id: number;
  name: string;
  email: string;
  organisationName: string;
  /** The organisation's kind, which says the side of the table. */
  kind: string;
}

/** `language` is the catalogue the person's language reads (see textsLanguageSql). */
export interface FollowUpContactRow {
  id: number;
  name: string;
  email: string;
  language: Language;
}

export interface AgreementDueRow {
  id: number;
  districtCode: string;
  areaId: number;
  areaName: string;
  title: string;
  dueOn: string;
  status: string;
}

export interface OldBarrierRow {
  id: number;
  districtCode: string;
  areaId: number;
  areaName: string;
  title: string;
  raisedOn: string;
  status: string;
  /** The convener of the barrier's area, whose fixed contacts follow it up when nobody was named. */
  convenerId: number;
}

export interface AgreementFilter {
  /** A Danish police district's code: the outcomes of its police district area. */
  district: string | null;
  /** Any programme's area. */
  areaId: number | null;
  status: string | null;
  type: string | null;
  barrierId: number | null;
  reviewBefore: string | null;
  q: string | null;
  /** The caller's programmes (scopeParam), null for all. */
  programmes: string | null;
}

export interface BarrierFilter {
  district: string | null;
  areaId: number | null;
  status: string | null;
  category: string | null;
  year: string | null;
  meetingId: number | null;
  programmes: string | null;
}

type Page = { limit: number; offset: number };

// ---- agreements

export function agreementById(db: Db, id: number): AgreementRow | undefined {
  return db.select().from(agreement).where(eq(agreement.id, id)).get();
}

export function agreementsOfArea(db: Db, areaId: number): AgreementRow[] {
  return db
    .select()
    .from(agreement)
    .where(eq(agreement.areaId, areaId))
    .orderBy(asc(agreement.reviewOn), asc(agreement.id))
    .all();
}

/** The area of the police district whose code is :district (the Danish programme's areas). */
const POLICE_DISTRICT_AREA = `SELECT ar.id FROM area ar JOIN organisation d ON d.id = ar.convener_id
  WHERE ar.kind = 'police_district' AND d.kind = 'police_district' AND d.code = :district`;

const AGREEMENT_FILTER = `
  FROM agreement a
  WHERE (:district IS NULL OR a.area_id IN (${POLICE_DISTRICT_AREA}))
    AND (:areaId IS NULL OR a.area_id = :areaId) AND (:status IS NULL OR a.status = :status)
    AND (:type IS NULL OR a.type = :type)
    AND (:barrierId IS NULL OR EXISTS (SELECT 1 FROM agreement_barrier ab WHERE ab.agreement_id = a.id AND ab.barrier_id = :barrierId))
    AND (:reviewBefore IS NULL OR a.review_on <= :reviewBefore)
    AND (:q IS NULL OR a.title LIKE '%' || :q || '%')
    AND (:programmes IS NULL OR a.area_id IN (SELECT id FROM area
      WHERE programme_id IN (SELECT value FROM json_each(:programmes))))`;

/** A page of agreement ids, newest first, and how many match. */
export function agreementIdPage(
  db: Db,
  filter: AgreementFilter,
  page: Page,
): { ids: number[]; total: number } {
  const ids = prepared<{ id: number }>(
    db,
    `SELECT a.id ${AGREEMENT_FILTER} ORDER BY a.id DESC LIMIT :limit OFFSET :offset`,
  )
    .all({ ...filter, limit: page.limit, offset: page.offset })
    .map((r) => r.id);
  const total = prepared<{ n: number }>(db, `SELECT count(*) AS n ${AGREEMENT_FILTER}`).get(filter)?.n ?? 0;
  return { ids, total };
}

export function agreementMunicipalities(db: Db, agreementId: number): MunicipalityRef[] {
  return prepared<MunicipalityRef>(
    db,
    `SELECT o.id, o.code, o.name FROM agreement_municipality am JOIN organisation o ON o.id = am.municipality_id
     WHERE am.agreement_id = ? ORDER BY o.name`,
  ).all(agreementId);
}

export function agreementContacts(db: Db, agreementId: number): ContactRow[] {
  return prepared<ContactRow>(
    db,
    `SELECT p.id, p.name, p.email, o.name AS organisationName, o.kind FROM agreement_contact ac
       JOIN person p ON p.id = ac.person_id JOIN organisation o ON o.id = p.organisation_id
       WHERE ac.agreement_id = ? ORDER BY p.name`,
  ).all(agreementId);
}

export function agreementBarrierIds(db: Db, agreementId: number): number[] {
  return prepared<{ id: number }>(
    db,
    'SELECT barrier_id AS id FROM agreement_barrier WHERE agreement_id = ? ORDER BY 1',
  )
    .all(agreementId)
    .map((r) => r.id);
}

export function agreementRevisions(db: Db, agreementId: number): AgreementRevisionRow[] {
  return db
    .select()
    .from(agreementRevision)
    .where(eq(agreementRevision.agreementId, agreementId))
    .orderBy(agreementRevision.version)
    .all();
}

/** How many of the (distinct) ids are barriers of the area. */
export function countBarriersOfArea(db: Db, areaId: number, ids: number[]): number {
  return (
    prepared<{ n: number }>(
      db,
      'SELECT count(*) AS n FROM barrier WHERE area_id = ? AND id IN (SELECT value FROM json_each(?))',
    ).get(areaId, JSON.stringify(ids))?.n ?? 0
  );
}

export function replaceAgreementMunicipalities(db: Db, agreementId: number, municipalityIds: number[]): void {
  db.delete(agreementMunicipality).where(eq(agreementMunicipality.agreementId, agreementId)).run();
  for (const municipalityId of municipalityIds)
    db.insert(agreementMunicipality).values({ agreementId, municipalityId }).run();
}

export function replaceAgreementContacts(db: Db, agreementId: number, personIds: Iterable<number>): void {
  db.delete(agreementContact).where(eq(agreementContact.agreementId, agreementId)).run();
  for (const personId of personIds) db.insert(agreementContact).values({ agreementId, personId }).run();
}

export function replaceAgreementBarriers(db: Db, agreementId: number, barrierIds: Iterable<number>): void {
  db.delete(agreementBarrier).where(eq(agreementBarrier.agreementId, agreementId)).run();
  for (const barrierId of barrierIds) db.insert(agreementBarrier).values({ agreementId, barrierId }).run();
}

export function insertAgreementRevision(db: Db, values: typeof agreementRevision.$inferInsert): void {
  db.insert(agreementRevision).values(values).run();
}

export function insertAgreement(db: Db, values: typeof agreement.$inferInsert): AgreementRow {
  return db.insert(agreement).values(values).returning().get();
}

export function updateAgreementRow(
  db: Db,
  id: number,
  set: Partial<typeof agreement.$inferInsert>,
): AgreementRow {
  return db.update(agreement).set(set).where(eq(agreement.id, id)).returning().get()!;
}

export function deleteAgreementRow(db: Db, id: number): void {
  db.delete(agreement).where(eq(agreement.id, id)).run();
}

// ---- barriers

export function barrierById(db: Db, id: number): BarrierRow | undefined {
  return db.select().from(barrier).where(eq(barrier.id, id)).get();
}

export function barriersOfArea(db: Db, areaId: number): BarrierRow[] {
  return db
    .select()
    .from(barrier)
    .where(eq(barrier.areaId, areaId))
    .orderBy(asc(barrier.raisedOn), asc(barrier.id))
    .all();
}

const BARRIER_FILTER = `
  FROM barrier b
  WHERE (:district IS NULL OR b.area_id IN (${POLICE_DISTRICT_AREA}))
    AND (:areaId IS NULL OR b.area_id = :areaId) AND (:status IS NULL OR b.status = :status)
    AND (:category IS NULL OR b.category = :category)
    AND (:year IS NULL OR substr(b.raised_on, 1, 4) = :year)
    AND (:meetingId IS NULL OR b.raised_at_meeting_id = :meetingId)
    AND (:programmes IS NULL OR b.area_id IN (SELECT id FROM area
      WHERE programme_id IN (SELECT value FROM json_each(:programmes))))`;

/** A page of barrier ids, most recently raised first, and how many match. */
export function barrierIdPage(db: Db, filter: BarrierFilter, page: Page): { ids: number[]; total: number } {
  const ids = prepared<{ id: number }>(
    db,
    `SELECT b.id ${BARRIER_FILTER} ORDER BY b.raised_on DESC, b.id DESC LIMIT :limit OFFSET :offset`,
  )
    .all({ ...filter, limit: page.limit, offset: page.offset })
    .map((r) => r.id);
  const total = prepared<{ n: number }>(db, `SELECT count(*) AS n ${BARRIER_FILTER}`).get(filter)?.n ?? 0;
  return { ids, total };
}

export function barrierMunicipalities(db: Db, barrierId: number): MunicipalityRef[] {
  return prepared<MunicipalityRef>(
    db,
    `SELECT o.id, o.code, o.name FROM barrier_municipality bm JOIN organisation o ON o.id = bm.municipality_id
     WHERE bm.barrier_id = ? ORDER BY o.name`,
  ).all(barrierId);
}

export function barrierContactIds(db: Db, barrierId: number): number[] {
  return prepared<{ id: number }>(
    db,
    'SELECT person_id AS id FROM barrier_contact WHERE barrier_id = ? ORDER BY person_id',
  )
    .all(barrierId)
    .map((r) => r.id);
}

export function barrierAgreementIds(db: Db, barrierId: number): number[] {
  return prepared<{ id: number }>(
    db,
    'SELECT agreement_id AS id FROM agreement_barrier WHERE barrier_id = ? ORDER BY 1',
  )
    .all(barrierId)
    .map((r) => r.id);
}

export function barrierHistory(db: Db, barrierId: number): Barrier['history'] {
  return prepared<Barrier['history'][number]>(
    db,
    `SELECT from_status AS fromStatus, to_status AS toStatus, at, actor, reason FROM barrier_status_change
     WHERE barrier_id = ? ORDER BY at, id`,
  ).all(barrierId);
}

export function replaceBarrierMunicipalities(db: Db, barrierId: number, municipalityIds: number[]): void {
  db.delete(barrierMunicipality).where(eq(barrierMunicipality.barrierId, barrierId)).run();
  for (const municipalityId of municipalityIds)
    db.insert(barrierMunicipality).values({ barrierId, municipalityId }).run();
}

export function replaceBarrierContacts(db: Db, barrierId: number, personIds: Iterable<number>): void {
  db.delete(barrierContact).where(eq(barrierContact.barrierId, barrierId)).run();
  for (const personId of personIds) db.insert(barrierContact).values({ barrierId, personId }).run();
}

export function insertBarrierStatusChange(db: Db, values: typeof barrierStatusChange.$inferInsert): void {
  db.insert(barrierStatusChange).values(values).run();
}

export function insertBarrier(db: Db, values: typeof barrier.$inferInsert): BarrierRow {
  return db.insert(barrier).values(values).returning().get();
}

export function updateBarrierRow(db: Db, id: number, set: Partial<typeof barrier.$inferInsert>): BarrierRow {
  return db.update(barrier).set(set).where(eq(barrier.id, id)).returning().get()!;
}

export function deleteBarrierRow(db: Db, id: number): void {
  db.delete(barrier).where(eq(barrier.id, id)).run();
}

// ---- follow-ups

/**
 * Agreements in effect whose review date is on or before the horizon (a convener without a code is
 * named; the area says which of its areas).
 */
export function agreementsDueForReview(db: Db, horizon: string, district: string | null): AgreementDueRow[] {
  return prepared<AgreementDueRow>(
    db,
    `SELECT a.id, coalesce(d.code, d.name) AS districtCode, ar.id AS areaId, ar.name AS areaName, a.title,
            a.review_on AS dueOn, a.status
     FROM agreement a JOIN area ar ON ar.id = a.area_id JOIN organisation d ON d.id = ar.convener_id
     WHERE a.review_on IS NOT NULL AND a.review_on <= :horizon AND a.status IN ('agreed', 'in_force', 'under_revision')
       AND (:district IS NULL OR a.area_id IN (${POLICE_DISTRICT_AREA}))
     ORDER BY a.review_on, a.id`,
  ).all({ horizon, district });
}

/** Unresolved barriers raised on or before the date. */
export function barriersRaisedBy(db: Db, yearAgo: string, district: string | null): OldBarrierRow[] {
  return prepared<OldBarrierRow>(
    db,
    `SELECT b.id, coalesce(d.code, d.name) AS districtCode, ar.id AS areaId, ar.name AS areaName,
            b.description AS title, b.raised_on AS raisedOn, b.status, d.id AS convenerId
     FROM barrier b JOIN area ar ON ar.id = b.area_id JOIN organisation d ON d.id = ar.convener_id
     WHERE b.status <> 'resolved' AND b.raised_on <= :yearAgo AND (:district IS NULL OR b.area_id IN (${POLICE_DISTRICT_AREA}))
     ORDER BY b.raised_on, b.id`,
  ).all({ yearAgo, district });
}

export function agreementFollowUpContacts(db: Db, agreementId: number): FollowUpContactRow[] {
  return prepared<FollowUpContactRow>(
    db,
    `SELECT p.id, p.name, p.email, ${textsLanguageSql('p.language')} AS language FROM agreement_contact c JOIN person p ON p.id = c.person_id
     WHERE c.agreement_id = ? ORDER BY p.name`,
  ).all(agreementId);
}

export function barrierFollowUpContacts(db: Db, barrierId: number): FollowUpContactRow[] {
  return prepared<FollowUpContactRow>(
    db,
    `SELECT p.id, p.name, p.email, ${textsLanguageSql('p.language')} AS language FROM barrier_contact c JOIN person p ON p.id = c.person_id
     WHERE c.barrier_id = ? ORDER BY p.name`,
  ).all(barrierId);
}

/** The district's fixed contact persons. */
export function fixedContactsOf(db: Db, organisationId: number): FollowUpContactRow[] {
  return prepared<FollowUpContactRow>(
    db,
    `SELECT p.id, p.name, p.email, ${textsLanguageSql('p.language')} AS language FROM person p
     WHERE p.is_fixed_contact = 1 AND p.organisation_id = ? ORDER BY p.name`,
  ).all(organisationId);
}

/** Claims a reminder for (kind, item, due date, person); its rowid, or null when it was claimed before. */
export function claimFollowUpReminder(
  db: Db,
  reminder: { kind: string; entityId: number; dueOn: string; personId: number; queuedAt: string },
): number | bigint | null {
  const claimed = prepared(
    db,
    `INSERT INTO follow_up_reminder (kind, entity_id, due_on, person_id, queued_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  ).run(reminder.kind, reminder.entityId, reminder.dueOn, reminder.personId, reminder.queuedAt);
  return claimed.changes === 0 ? null : claimed.lastInsertRowid;
}

export function setFollowUpReminderMail(db: Db, rowid: number | bigint, outboxMessageId: number): void {
  prepared(db, 'UPDATE follow_up_reminder SET outbox_message_id = ? WHERE rowid = ?').run(
    outboxMessageId,
    rowid,
  );
}
