import type { Db } from '../../db/client.ts';
import type { AgreementStatus } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound, unprocessable } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import {
  type AgreementRow,
  agreementBarrierIds,
  agreementById,
  agreementContacts,
  agreementIdPage,
  agreementMunicipalities,
  agreementRevisions,
  countBarriersOfArea,
  deleteAgreementRow,
  insertAgreement,
  insertAgreementRevision,
  replaceAgreementBarriers,
  replaceAgreementContacts,
  replaceAgreementMunicipalities,
  updateAgreementRow,
} from './queries/agreements.ts';
import {
  areaOfOutcome,
  assertMeetingOfArea,
  assertPeopleExist,
  assertTaxonomyKey,
  copenhagenDate,
  outcomeArea,
  resolveMunicipalities,
  sideOfKind,
  taxonomyOfArea,
} from './references.ts';
import type { Agreement, AgreementQuery, CreateAgreement, UpdateAgreement } from './schemas.ts';

/** draft → agreed → in force → under revision → (agreed | in force again) … → expired. */
export const agreementTransitions: Record<AgreementStatus, AgreementStatus[]> = {
  draft: ['agreed', 'in_force', 'expired'],
  agreed: ['in_force', 'under_revision', 'expired', 'draft'],
  in_force: ['under_revision', 'expired'],
  under_revision: ['agreed', 'in_force', 'expired'],
  expired: ['under_revision'],
};

function toAgreement(db: Db, row: AgreementRow): Agreement {
  const area = areaOfOutcome(db, row.areaId);
  const municipalities = agreementMunicipalities(db, row.id);
  const contacts = agreementContacts(db, row.id).map(({ kind, ...c }) => ({ ...c, side: sideOfKind(kind) }));
  const barrierIds = agreementBarrierIds(db, row.id);
  return {
    ...row,
    districtCode: area.code,
    districtName: area.name,
    areaName: area.areaName,
    municipalities,
    contacts,
    barrierIds,
  };
}

function findRow(db: Db, id: number): AgreementRow {
  const row = agreementById(db, id);
  if (!row) throw notFound('Agreement', id);
  return row;
}

export function getAgreement(db: Db, id: number): Agreement {
  return toAgreement(db, findRow(db, id));
}

/** `programmes`: the caller's scope (scopeParam), null for all. */
export function listAgreements(db: Db, query: AgreementQuery, programmes: string | null) {
  const params = {
    programmes,
    district: query.district ?? null,
    areaId: query.areaId ?? null,
    status: query.status ?? null,
    type: query.type ?? null,
    barrierId: query.barrierId ?? null,
    reviewBefore: query.reviewBefore ?? null,
    q: query.q ? query.q.replace(/[%_]/g, '') : null,
  };
  const { ids, total } = agreementIdPage(db, params, query);
  return {
    items: ids.map((id) => getAgreement(db, id)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export function agreementHistory(db: Db, id: number) {
  findRow(db, id);
  return agreementRevisions(db, id).map(({ id: _id, agreementId: _a, ...r }) => r);
}

function municipalityIds(db: Db, areaId: number, all: boolean, codes: string[] | undefined): number[] {
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
  return resolveMunicipalities(db, areaOfOutcome(db, areaId), codes, 'body.municipalityCodes');
}

function assertBarriersOfArea(db: Db, ids: number[], areaId: number): void {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  if (countBarriersOfArea(db, areaId, unique) !== unique.length)
    throw badRequest('Unknown barrier', [
      {
        field: 'body.barrierIds',
        message: 'every barrier must exist and belong to the same district or area',
      },
    ]);
}

function setLinks(
  db: Db,
  agreementId: number,
  links: { municipalities?: number[]; contacts?: number[]; barriers?: number[] },
) {
  if (links.municipalities) replaceAgreementMunicipalities(db, agreementId, links.municipalities);
  if (links.contacts) replaceAgreementContacts(db, agreementId, new Set(links.contacts));
  if (links.barriers) replaceAgreementBarriers(db, agreementId, new Set(links.barriers));
}

function saveRevision(db: Db, row: AgreementRow, actor: Actor, reason: string | null | undefined) {
  insertAgreementRevision(db, {
    agreementId: row.id,
    version: row.version,
    title: row.title,
    text: row.text,
    status: row.status,
    reviewOn: row.reviewOn,
    savedAt: row.updatedAt,
    savedBy: actor.email,
    reason: reason ?? null,
  });
}

export function createAgreement(db: Db, actor: Actor, input: CreateAgreement): Agreement {
  return db.transaction(() => {
    const area = outcomeArea(db, input);
    assertTaxonomyKey(taxonomyOfArea(db, area), 'agreementTypes', input.type, 'body.type', 'agreement type');
    const meeting =
      input.agreedAtMeetingId != null
        ? assertMeetingOfArea(db, input.agreedAtMeetingId, area.areaId, 'body.agreedAtMeetingId')
        : null;
    const municipalities = municipalityIds(db, area.areaId, input.allMunicipalities, input.municipalityCodes);
    assertPeopleExist(db, input.contactPersonIds ?? [], 'body.contactPersonIds');
    assertBarriersOfArea(db, input.barrierIds ?? [], area.areaId);
    const agreedOn =
      input.agreedOn ?? (input.status !== 'draft' && meeting ? copenhagenDate(meeting.startsAt) : null);
    const now = nowIso();
    const row = insertAgreement(db, {
      areaId: area.areaId,
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
    });
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
    if (fields.type !== undefined)
      assertTaxonomyKey(
        taxonomyOfArea(db, areaOfOutcome(db, before.areaId)),
        'agreementTypes',
        fields.type,
        'body.type',
        'agreement type',
      );
    if (fields.agreedAtMeetingId != null)
      assertMeetingOfArea(db, fields.agreedAtMeetingId, before.areaId, 'body.agreedAtMeetingId');
    const links: Parameters<typeof setLinks>[2] = {};
    if (fields.allMunicipalities !== undefined || municipalityCodes !== undefined) {
      const all = fields.allMunicipalities ?? before.allMunicipalities;
      links.municipalities = municipalityIds(db, before.areaId, all, municipalityCodes);
      if (municipalityCodes) changes.municipalityCodes = municipalityCodes;
    }
    if (contactPersonIds !== undefined) {
      assertPeopleExist(db, contactPersonIds, 'body.contactPersonIds');
      links.contacts = contactPersonIds;
      changes.contactPersonIds = contactPersonIds;
    }
    if (barrierIds !== undefined) {
      assertBarriersOfArea(db, barrierIds, before.areaId);
      links.barriers = barrierIds;
      changes.barrierIds = barrierIds;
    }
    if (Object.keys(changes).length === 0) return toAgreement(db, before);
    setLinks(db, id, links);
    const set = { ...fields };
    if (set.status === 'agreed' && before.agreedOn === null && set.agreedOn === undefined)
      set.agreedOn = copenhagenDate();
    const row = updateAgreementRow(db, id, { ...set, version: before.version + 1, updatedAt: nowIso() });
    saveRevision(db, row, actor, reason);
    recordAudit(db, actor, { action: 'update', entity: 'agreement', entityId: id, changes });
    return toAgreement(db, row);
  });
}

export function deleteAgreement(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = getAgreement(db, id);
    deleteAgreementRow(db, id);
    recordAudit(db, actor, { action: 'delete', entity: 'agreement', entityId: id, changes: before });
  });
}
