import type { Db } from '../../db/client.ts';
import type { BarrierStatus, barrier } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound, unprocessable } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import {
  type BarrierRow,
  barrierAgreementIds,
  barrierById,
  barrierContactIds,
  barrierHistory,
  barrierIdPage,
  barrierMunicipalities,
  deleteBarrierRow,
  insertBarrier,
  insertBarrierStatusChange,
  replaceBarrierContacts,
  replaceBarrierMunicipalities,
  updateBarrierRow,
} from './queries/agreements.ts';
import {
  areaOfOutcome,
  assertMeetingOfArea,
  assertPeopleExist,
  assertTaxonomyKey,
  copenhagenDate,
  outcomeArea,
  resolveMunicipalities,
  taxonomyOfArea,
} from './references.ts';
import type { Barrier, BarrierQuery, CreateBarrier, UpdateBarrier } from './schemas.ts';

/** The moves a barrier's status may make; reopening is allowed, with a reason like any change. */
export const barrierTransitions: Record<BarrierStatus, BarrierStatus[]> = {
  open: ['being_addressed', 'resolved'],
  being_addressed: ['open', 'resolved'],
  resolved: ['open'],
};

function toBarrier(db: Db, row: BarrierRow): Barrier {
  const area = areaOfOutcome(db, row.areaId);
  const municipalities = barrierMunicipalities(db, row.id);
  const contacts = barrierContactIds(db, row.id);
  const agreements = barrierAgreementIds(db, row.id);
  const history = barrierHistory(db, row.id);
  return {
    ...row,
    districtCode: area.code,
    districtName: area.name,
    areaName: area.areaName,
    municipalities,
    contactPersonIds: contacts,
    agreementIds: agreements,
    history,
  };
}

function findRow(db: Db, id: number): BarrierRow {
  const row = barrierById(db, id);
  if (!row) throw notFound('Barrier', id);
  return row;
}

export function getBarrier(db: Db, id: number): Barrier {
  return toBarrier(db, findRow(db, id));
}

/** `programmes`: the caller's scope (scopeParam), null for all. */
export function listBarriers(db: Db, query: BarrierQuery, programmes: string | null) {
  const params = {
    programmes,
    district: query.district ?? null,
    areaId: query.areaId ?? null,
    status: query.status ?? null,
    category: query.category ?? null,
    year: query.year === undefined ? null : String(query.year),
    meetingId: query.meetingId ?? null,
  };
  const { ids, total } = barrierIdPage(db, params, query);
  return {
    items: ids.map((id) => getBarrier(db, id)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

function municipalityIds(db: Db, areaId: number, all: boolean, codes: string[] | undefined): number[] {
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
  return resolveMunicipalities(db, areaOfOutcome(db, areaId), codes, 'body.municipalityCodes');
}

export function createBarrier(db: Db, actor: Actor, input: CreateBarrier): Barrier {
  return db.transaction(() => {
    const area = outcomeArea(db, input);
    assertTaxonomyKey(
      taxonomyOfArea(db, area),
      'barrierCategories',
      input.category,
      'body.category',
      'barrier category',
    );
    const meeting =
      input.raisedAtMeetingId != null
        ? assertMeetingOfArea(db, input.raisedAtMeetingId, area.areaId, 'body.raisedAtMeetingId')
        : null;
    const municipalities = municipalityIds(db, area.areaId, input.allMunicipalities, input.municipalityCodes);
    assertPeopleExist(db, input.contactPersonIds ?? [], 'body.contactPersonIds');
    const now = nowIso();
    const row = insertBarrier(db, {
      areaId: area.areaId,
      category: input.category,
      description: input.description,
      allMunicipalities: input.allMunicipalities,
      raisedAtMeetingId: meeting?.id ?? null,
      raisedOn: input.raisedOn ?? (meeting ? copenhagenDate(meeting.startsAt) : copenhagenDate()),
      createdAt: now,
      updatedAt: now,
    });
    replaceBarrierMunicipalities(db, row.id, municipalities);
    replaceBarrierContacts(db, row.id, new Set(input.contactPersonIds ?? []));
    insertBarrierStatusChange(db, {
      barrierId: row.id,
      fromStatus: null,
      toStatus: 'open',
      at: now,
      actor: actor.email,
      reason: null,
    });
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

    if (fields.category !== undefined)
      assertTaxonomyKey(
        taxonomyOfArea(db, areaOfOutcome(db, before.areaId)),
        'barrierCategories',
        fields.category,
        'body.category',
        'barrier category',
      );
    if (fields.raisedAtMeetingId != null)
      assertMeetingOfArea(db, fields.raisedAtMeetingId, before.areaId, 'body.raisedAtMeetingId');
    if (fields.allMunicipalities !== undefined || municipalityCodes !== undefined) {
      const all = fields.allMunicipalities ?? before.allMunicipalities;
      replaceBarrierMunicipalities(db, id, municipalityIds(db, before.areaId, all, municipalityCodes));
      if (municipalityCodes) changes.municipalityCodes = municipalityCodes;
    }
    if (contactPersonIds !== undefined) {
      assertPeopleExist(db, contactPersonIds, 'body.contactPersonIds');
      replaceBarrierContacts(db, id, new Set(contactPersonIds));
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
      insertBarrierStatusChange(db, {
        barrierId: id,
        fromStatus: before.status,
        toStatus: fields.status,
        at: now,
        actor: actor.email,
        reason: statusReason,
      });
      changes.statusReason = statusReason;
    }
    if (Object.keys(changes).length === 0) return toBarrier(db, before);
    const row = updateBarrierRow(db, id, { ...set, version: before.version + 1, updatedAt: now });
    recordAudit(db, actor, { action: 'update', entity: 'barrier', entityId: id, changes });
    return toBarrier(db, row);
  });
}

export function deleteBarrier(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = getBarrier(db, id);
    deleteBarrierRow(db, id);
    recordAudit(db, actor, { action: 'delete', entity: 'barrier', entityId: id, changes: before });
  });
}
