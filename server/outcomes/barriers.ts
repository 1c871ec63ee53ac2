import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type BarrierStatus,
  barrier,
  barrierContact,
  barrierMunicipality,
  barrierStatusChange,
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
} from './references.ts';
import type { Barrier, BarrierQuery, CreateBarrier, UpdateBarrier } from './schemas.ts';

type BarrierRow = typeof barrier.$inferSelect;

/** The moves a barrier's status may make; reopening is allowed, with a reason like any change. */
export const barrierTransitions: Record<BarrierStatus, BarrierStatus[]> = {
  open: ['being_addressed', 'resolved'],
  being_addressed: ['open', 'resolved'],
  resolved: ['open'],
};

const LIST_SQL = `
  SELECT b.id FROM barrier b JOIN organisation d ON d.id = b.district_id
  WHERE (:district IS NULL OR d.code = :district) AND (:status IS NULL OR b.status = :status)
    AND (:category IS NULL OR b.category = :category)
    AND (:year IS NULL OR substr(b.raised_on, 1, 4) = :year)
    AND (:meetingId IS NULL OR b.raised_at_meeting_id = :meetingId)
  ORDER BY b.raised_on DESC, b.id DESC LIMIT :limit OFFSET :offset`;
const COUNT_SQL = `
  SELECT count(*) AS n FROM barrier b JOIN organisation d ON d.id = b.district_id
  WHERE (:district IS NULL OR d.code = :district) AND (:status IS NULL OR b.status = :status)
    AND (:category IS NULL OR b.category = :category)
    AND (:year IS NULL OR substr(b.raised_on, 1, 4) = :year)
    AND (:meetingId IS NULL OR b.raised_at_meeting_id = :meetingId)`;

function toBarrier(db: Db, row: BarrierRow): Barrier {
  const district = districtById(db, row.districtId);
  const municipalities = prepared<Barrier['municipalities'][number]>(
    db,
    `SELECT o.id, o.code, o.name FROM barrier_municipality bm JOIN organisation o ON o.id = bm.municipality_id
     WHERE bm.barrier_id = ? ORDER BY o.name`,
  ).all(row.id);
  const contacts = prepared<{ id: number }>(
    db,
    'SELECT person_id AS id FROM barrier_contact WHERE barrier_id = ? ORDER BY person_id',
  )
    .all(row.id)
    .map((r) => r.id);
  const agreements = prepared<{ id: number }>(
    db,
    'SELECT agreement_id AS id FROM agreement_barrier WHERE barrier_id = ? ORDER BY 1',
  )
    .all(row.id)
    .map((r) => r.id);
  const history = prepared<Barrier['history'][number]>(
    db,
    `SELECT from_status AS fromStatus, to_status AS toStatus, at, actor, reason FROM barrier_status_change
     WHERE barrier_id = ? ORDER BY at, id`,
  ).all(row.id);
  const { districtId: _d, ...rest } = row;
  return {
    ...rest,
    districtCode: district.code,
    districtName: district.name,
    municipalities,
    contactPersonIds: contacts,
    agreementIds: agreements,
    history,
  };
}

function findRow(db: Db, id: number): BarrierRow {
  const row = db.select().from(barrier).where(eq(barrier.id, id)).get();
  if (!row) throw notFound('Barrier', id);
  return row;
}

export function getBarrier(db: Db, id: number): Barrier {
  return toBarrier(db, findRow(db, id));
}

export function listBarriers(db: Db, query: BarrierQuery) {
  const params = {
    district: query.district ?? null,
    status: query.status ?? null,
    category: query.category ?? null,
    year: query.year === undefined ? null : String(query.year),
    meetingId: query.meetingId ?? null,
  };
  const ids = prepared<{
    id: number;
  }>(db, LIST_SQL).all({ ...params, limit: query.limit, offset: query.offset });
  const total = prepared<{ n: number }>(db, COUNT_SQL).get(params)?.n ?? 0;
  return {
    items: ids.map(({ id }) => getBarrier(db, id)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

function setMunicipalities(db: Db, barrierId: number, ids: number[]) {
  db.delete(barrierMunicipality).where(eq(barrierMunicipality.barrierId, barrierId)).run();
  for (const municipalityId of ids)
    db.insert(barrierMunicipality).values({ barrierId, municipalityId }).run();
}

function setContacts(db: Db, barrierId: number, ids: number[]) {
  db.delete(barrierContact).where(eq(barrierContact.barrierId, barrierId)).run();
  for (const personId of new Set(ids)) db.insert(barrierContact).values({ barrierId, personId }).run();
}

function municipalityIds(db: Db, districtId: number, all: boolean, codes: string[] | undefined): number[] {
  if (all) {
    if (codes?.length)
      throw badRequest('Name municipalities only when the barrier does not concern all of them', [
        { field: 'body.municipalityCodes', message: 'set allMunicipalities to false to name municipalities' },
      ]);
    return [];
  }
  if (!codes?.length)
    throw badRequest('Name the municipalities the barrier concerns', [
      { field: 'body.municipalityCodes', message: 'required when allMunicipalities is false' },
    ]);
  return resolveMunicipalities(db, districtById(db, districtId), codes, 'body.municipalityCodes');
}

export function createBarrier(db: Db, actor: Actor, input: CreateBarrier): Barrier {
  return db.transaction(() => {
    const district = districtByCode(db, input.districtCode, 'body.districtCode');
    const meeting =
      input.raisedAtMeetingId != null
        ? assertMeetingOfDistrict(db, input.raisedAtMeetingId, district.id, 'body.raisedAtMeetingId')
        : null;
    const municipalities = municipalityIds(db, district.id, input.allMunicipalities, input.municipalityCodes);
    assertPeopleExist(db, input.contactPersonIds ?? [], 'body.contactPersonIds');
    const now = nowIso();
    const row = db
      .insert(barrier)
      .values({
        districtId: district.id,
        category: input.category,
        description: input.description,
        allMunicipalities: input.allMunicipalities,
        raisedAtMeetingId: meeting?.id ?? null,
        raisedOn: input.raisedOn ?? (meeting ? copenhagenDate(meeting.startsAt) : copenhagenDate()),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    setMunicipalities(db, row.id, municipalities);
    setContacts(db, row.id, input.contactPersonIds ?? []);
    db.insert(barrierStatusChange)
      .values({
        barrierId: row.id,
        fromStatus: null,
        toStatus: 'open',
        at: now,
        actor: actor.email,
        reason: null,
      })
      .run();
    recordAudit(db, actor, { action: 'create', entity: 'barrier', entityId: row.id, changes: input });
    return toBarrier(db, row);
  });
}

export function updateBarrier(db: Db, actor: Actor, id: number, input: UpdateBarrier): Barrier {
  return db.transaction(() => {
    const before = findRow(db, id);
    assertVersion('Barrier', before.version, input.version);
    const { version: _v, municipalityCodes, contactPersonIds, statusReason, ...fields } = input;
    const changes: Record<string, unknown> = diff(before, fields);
    const now = nowIso();
    const set: Partial<typeof barrier.$inferInsert> = { ...fields };

    if (fields.raisedAtMeetingId != null)
      assertMeetingOfDistrict(db, fields.raisedAtMeetingId, before.districtId, 'body.raisedAtMeetingId');
    if (fields.allMunicipalities !== undefined || municipalityCodes !== undefined) {
      const all = fields.allMunicipalities ?? before.allMunicipalities;
      setMunicipalities(db, id, municipalityIds(db, before.districtId, all, municipalityCodes));
      if (municipalityCodes) changes.municipalityCodes = municipalityCodes;
    }
    if (contactPersonIds !== undefined) {
      assertPeopleExist(db, contactPersonIds, 'body.contactPersonIds');
      setContacts(db, id, contactPersonIds);
      changes.contactPersonIds = contactPersonIds;
    }
    if (fields.status !== undefined && fields.status !== before.status) {
      if (!barrierTransitions[before.status].includes(fields.status))
        throw unprocessable(`A barrier cannot go from ${before.status} to ${fields.status}`, {
          allowed: barrierTransitions[before.status],
        });
      if (!statusReason)
        throw badRequest('Say why the status changes', [
          { field: 'body.statusReason', message: 'required when the status changes' },
        ]);
      set.resolvedOn = fields.status === 'resolved' ? copenhagenDate() : null;
      db.insert(barrierStatusChange)
        .values({
          barrierId: id,
          fromStatus: before.status,
          toStatus: fields.status,
          at: now,
          actor: actor.email,
          reason: statusReason,
        })
        .run();
      changes.statusReason = statusReason;
    }
    if (Object.keys(changes).length === 0) return toBarrier(db, before);
    const row = db
      .update(barrier)
      .set({ ...set, version: before.version + 1, updatedAt: now })
      .where(eq(barrier.id, id))
      .returning()
      .get();
    recordAudit(db, actor, { action: 'update', entity: 'barrier', entityId: id, changes });
    return toBarrier(db, row);
  });
}

export function deleteBarrier(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = getBarrier(db, id);
    db.delete(barrier).where(eq(barrier.id, id)).run();
    recordAudit(db, actor, { action: 'delete', entity: 'barrier', entityId: id, changes: before });
  });
}
