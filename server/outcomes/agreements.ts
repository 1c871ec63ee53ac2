import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type AgreementStatus,
  agreement,
  agreementBarrier,
  agreementContact,
  agreementMunicipality,
  agreementRevision,
} from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound, unprocessable } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import {
  assertMeetingOfDistrict,
  assertPeopleExist,
  copenhagenDate,
  districtByCode,
  districtById,
  resolveMunicipalities,
  sideOfKind,
} from './references.ts';
import type { Agreement, AgreementQuery, CreateAgreement, UpdateAgreement } from './schemas.ts';

type AgreementRow = typeof agreement.$inferSelect;

/** draft → agreed → in force → under revision → (agreed | in force again) … → expired. */
export const agreementTransitions: Record<AgreementStatus, AgreementStatus[]> = {
  draft: ['agreed', 'in_force', 'expired'],
  agreed: ['in_force', 'under_revision', 'expired', 'draft'],
  in_force: ['under_revision', 'expired'],
  under_revision: ['agreed', 'in_force', 'expired'],
  expired: ['under_revision'],
};

const FILTER = `
  FROM agreement a JOIN organisation d ON d.id = a.district_id
  WHERE (:district IS NULL OR d.code = :district) AND (:status IS NULL OR a.status = :status)
    AND (:type IS NULL OR a.type = :type)
    AND (:barrierId IS NULL OR EXISTS (SELECT 1 FROM agreement_barrier ab WHERE ab.agreement_id = a.id AND ab.barrier_id = :barrierId))
    AND (:reviewBefore IS NULL OR a.review_on <= :reviewBefore)
    AND (:q IS NULL OR a.title LIKE '%' || :q || '%')`;

function toAgreement(db: Db, row: AgreementRow): Agreement {
  const district = districtById(db, row.districtId);
  const municipalities = prepared<Agreement['municipalities'][number]>(
    db,
    `SELECT o.id, o.code, o.name FROM agreement_municipality am JOIN organisation o ON o.id = am.municipality_id
     WHERE am.agreement_id = ? ORDER BY o.name`,
  ).all(row.id);
  const contacts = prepared<Omit<Agreement['contacts'][number], 'side'> & { kind: string }>(
    db,
    `SELECT p.id, p.name, p.email, o.name AS organisationName, o.kind FROM agreement_contact ac
       JOIN person p ON p.id = ac.person_id JOIN organisation o ON o.id = p.organisation_id
       WHERE ac.agreement_id = ? ORDER BY p.name`,
  )
    .all(row.id)
    .map(({ kind, ...c }) => ({ ...c, side: sideOfKind(kind) }));
  const barrierIds = prepared<{ id: number }>(
    db,
    'SELECT barrier_id AS id FROM agreement_barrier WHERE agreement_id = ? ORDER BY 1',
  )
    .all(row.id)
    .map((r) => r.id);
  const { districtId: _d, ...rest } = row;
  return {
    ...rest,
    districtCode: district.code,
    districtName: district.name,
    municipalities,
    contacts,
    barrierIds,
  };
}

function findRow(db: Db, id: number): AgreementRow {
  const row = db.select().from(agreement).where(eq(agreement.id, id)).get();
  if (!row) throw notFound('Agreement', id);
  return row;
}

export function getAgreement(db: Db, id: number): Agreement {
  return toAgreement(db, findRow(db, id));
}

export function listAgreements(db: Db, query: AgreementQuery) {
  const params = {
    district: query.district ?? null,
    status: query.status ?? null,
    type: query.type ?? null,
    barrierId: query.barrierId ?? null,
    reviewBefore: query.reviewBefore ?? null,
    q: query.q ? query.q.replace(/[%_]/g, '') : null,
  };
  const ids = prepared<{ id: number }>(
    db,
    `SELECT a.id ${FILTER} ORDER BY a.id DESC LIMIT :limit OFFSET :offset`,
  ).all({
    ...params,
    limit: query.limit,
    offset: query.offset,
  });
  const total = prepared<{ n: number }>(db, `SELECT count(*) AS n ${FILTER}`).get(params)?.n ?? 0;
  return {
    items: ids.map(({ id }) => getAgreement(db, id)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export function agreementHistory(db: Db, id: number) {
  findRow(db, id);
  return db
    .select()
    .from(agreementRevision)
    .where(eq(agreementRevision.agreementId, id))
    .orderBy(agreementRevision.version)
    .all()
    .map(({ id: _id, agreementId: _a, ...r }) => r);
}

function municipalityIds(db: Db, districtId: number, all: boolean, codes: string[] | undefined): number[] {
  if (all) {
    if (codes?.length)
      throw badRequest('Name municipalities only when not all of them are parties', [
        { field: 'body.municipalityCodes', message: 'set allMunicipalities to false to name municipalities' },
      ]);
    return [];
  }
  if (!codes?.length)
    throw badRequest('Name the municipalities that are parties', [
      { field: 'body.municipalityCodes', message: 'required when allMunicipalities is false' },
    ]);
  return resolveMunicipalities(db, districtById(db, districtId), codes, 'body.municipalityCodes');
}

function assertBarriersOfDistrict(db: Db, ids: number[], districtId: number): void {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = prepared<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM barrier WHERE district_id = ? AND id IN (SELECT value FROM json_each(?))',
  ).get(districtId, JSON.stringify(unique));
  if (found?.n !== unique.length)
    throw badRequest('Unknown barrier', [
      { field: 'body.barrierIds', message: 'every barrier must exist and belong to the same district' },
    ]);
}

function setLinks(
  db: Db,
  agreementId: number,
  links: { municipalities?: number[]; contacts?: number[]; barriers?: number[] },
) {
  if (links.municipalities) {
    db.delete(agreementMunicipality).where(eq(agreementMunicipality.agreementId, agreementId)).run();
    for (const municipalityId of links.municipalities)
      db.insert(agreementMunicipality).values({ agreementId, municipalityId }).run();
  }
  if (links.contacts) {
    db.delete(agreementContact).where(eq(agreementContact.agreementId, agreementId)).run();
    for (const personId of new Set(links.contacts))
      db.insert(agreementContact).values({ agreementId, personId }).run();
  }
  if (links.barriers) {
    db.delete(agreementBarrier).where(eq(agreementBarrier.agreementId, agreementId)).run();
    for (const barrierId of new Set(links.barriers))
      db.insert(agreementBarrier).values({ agreementId, barrierId }).run();
  }
}

function saveRevision(db: Db, row: AgreementRow, actor: Actor, reason: string | null | undefined) {
  db.insert(agreementRevision)
    .values({
      agreementId: row.id,
      version: row.version,
      title: row.title,
      text: row.text,
      status: row.status,
      reviewOn: row.reviewOn,
      savedAt: row.updatedAt,
      savedBy: actor.email,
      reason: reason ?? null,
    })
    .run();
}

export function createAgreement(db: Db, actor: Actor, input: CreateAgreement): Agreement {
  return db.transaction(() => {
    const district = districtByCode(db, input.districtCode, 'body.districtCode');
    const meeting =
      input.agreedAtMeetingId != null
        ? assertMeetingOfDistrict(db, input.agreedAtMeetingId, district.id, 'body.agreedAtMeetingId')
        : null;
    const municipalities = municipalityIds(db, district.id, input.allMunicipalities, input.municipalityCodes);
    assertPeopleExist(db, input.contactPersonIds ?? [], 'body.contactPersonIds');
    assertBarriersOfDistrict(db, input.barrierIds ?? [], district.id);
    const agreedOn =
      input.agreedOn ?? (input.status !== 'draft' && meeting ? copenhagenDate(meeting.startsAt) : null);
    const now = nowIso();
    const row = db
      .insert(agreement)
      .values({
        districtId: district.id,
        type: input.type,
        title: input.title,
        text: input.text,
        allMunicipalities: input.allMunicipalities,
        agreedAtMeetingId: meeting?.id ?? null,
        agreedOn,
        status: input.status,
        reviewOn: input.reviewOn ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    setLinks(db, row.id, {
      municipalities,
      contacts: input.contactPersonIds ?? [],
      barriers: input.barrierIds ?? [],
    });
    saveRevision(db, row, actor, null);
    recordAudit(db, actor, { action: 'create', entity: 'agreement', entityId: row.id, changes: input });
    return toAgreement(db, row);
  });
}

export function updateAgreement(db: Db, actor: Actor, id: number, input: UpdateAgreement): Agreement {
  return db.transaction(() => {
    const before = findRow(db, id);
    assertVersion('Agreement', before.version, input.version);
    const { version: _v, municipalityCodes, contactPersonIds, barrierIds, reason, ...fields } = input;
    const changes: Record<string, unknown> = diff(before, fields);
    if (fields.status !== undefined && fields.status !== before.status) {
      if (!agreementTransitions[before.status].includes(fields.status))
        throw unprocessable(`An agreement cannot go from ${before.status} to ${fields.status}`, {
          allowed: agreementTransitions[before.status],
        });
    }
    if (fields.agreedAtMeetingId != null)
      assertMeetingOfDistrict(db, fields.agreedAtMeetingId, before.districtId, 'body.agreedAtMeetingId');
    const links: Parameters<typeof setLinks>[2] = {};
    if (fields.allMunicipalities !== undefined || municipalityCodes !== undefined) {
      const all = fields.allMunicipalities ?? before.allMunicipalities;
      links.municipalities = municipalityIds(db, before.districtId, all, municipalityCodes);
      if (municipalityCodes) changes.municipalityCodes = municipalityCodes;
    }
    if (contactPersonIds !== undefined) {
      assertPeopleExist(db, contactPersonIds, 'body.contactPersonIds');
      links.contacts = contactPersonIds;
      changes.contactPersonIds = contactPersonIds;
    }
    if (barrierIds !== undefined) {
      assertBarriersOfDistrict(db, barrierIds, before.districtId);
      links.barriers = barrierIds;
      changes.barrierIds = barrierIds;
    }
    if (Object.keys(changes).length === 0) return toAgreement(db, before);
    setLinks(db, id, links);
    const set = { ...fields };
    if (set.status === 'agreed' && before.agreedOn === null && set.agreedOn === undefined)
      set.agreedOn = copenhagenDate();
    const row = db
      .update(agreement)
      .set({ ...set, version: before.version + 1, updatedAt: nowIso() })
      .where(eq(agreement.id, id))
      .returning()
      .get();
    saveRevision(db, row, actor, reason);
    recordAudit(db, actor, { action: 'update', entity: 'agreement', entityId: id, changes });
    return toAgreement(db, row);
  });
}

export function deleteAgreement(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = getAgreement(db, id);
    db.delete(agreement).where(eq(agreement.id, id)).run();
    recordAudit(db, actor, { action: 'delete', entity: 'agreement', entityId: id, changes: before });
  });
}
