import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound } from '../http/problems.ts';
import { assertOrganisationKind } from '../programmes/catalogues.ts';
import { nowIso } from '../time.ts';
import { assertMemberMayJoin } from './areas.ts';
import {
  areaById,
  convenesAnArea,
  deleteOrganisationRow,
  insertAreaMember,
  insertOrganisation,
  type OrganisationRow,
  organisationById,
  organisationExists,
  organisationIdWithCode,
  organisationPage,
  peopleInOrganisation,
  updateOrganisationRow,
} from './queries/organisations.ts';
import { RegisterConflict } from './refusals.ts';
import type { CreateOrganisation, Organisation, UpdateOrganisation } from './schemas.ts';

export function toOrganisation(row: OrganisationRow): Organisation {
  const { seedKey, editedAt: _edited, ...rest } = row;
  return { ...rest, isReferenceData: seedKey !== null };
}

export interface OrganisationFilter {
  kind?: OrganisationRow['kind'];
  district?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** `programmes`: the caller's scope (scopeParam), null for all. */
export function listOrganisations(db: Db, filter: OrganisationFilter, programmes: string | null) {
  const { rows, total } = organisationPage(db, { ...filter, programmes }, filter);
  return { items: rows.map(toOrganisation), total, limit: filter.limit, offset: filter.offset };
}

function findRow(db: Db, id: number): OrganisationRow {
  const row = organisationById(db, id);
  if (!row) throw notFound('Organisation', id);
  return row;
}

export function getOrganisation(db: Db, id: number): Organisation {
  return toOrganisation(findRow(db, id));
}

function assertParent(db: Db, parentId: number | null | undefined, selfId?: number) {
  if (parentId == null) return;
  if (parentId === selfId)
    throw badRequest('An organisation cannot be its own parent', [
      { field: 'body.parentId', message: 'is the organisation itself' },
    ]);
  if (!organisationExists(db, parentId))
    throw badRequest(`Parent organisation ${parentId} does not exist`, [
      { field: 'body.parentId', message: 'unknown organisation' },
    ]);
}

function assertCodeFree(
  db: Db,
  kind: OrganisationRow['kind'],
  code: string | null | undefined,
  selfId?: number,
) {
  if (!code) return;
  const other = organisationIdWithCode(db, kind, code);
  if (other !== undefined && other !== selfId)
    throw new RegisterConflict({ kind: 'codeTaken', organisationKind: kind, code });
}

/** The register's organisation of this kind with this official code, if any (a municipality two programmes share). */
export const organisationWithCode = (db: Db, kind: string, code: string): number | undefined =>
  organisationIdWithCode(db, kind, code);

export function createOrganisation(db: Db, actor: Actor, input: CreateOrganisation): Organisation {
  return db.transaction(() => {
    assertOrganisationKind(db, input.kind);
    assertParent(db, input.parentId);
    assertCodeFree(db, input.kind, input.code);
    const now = nowIso();
    const { areaIds = [], ...fields } = input;
    const row = insertOrganisation(db, { ...fields, createdAt: now, updatedAt: now, editedAt: now });
    for (const areaId of areaIds) {
      const target = areaById(db, areaId);
      if (!target)
        throw badRequest(`Area ${areaId} does not exist`, [
          { field: 'body.areaIds', message: `unknown area ${areaId}` },
        ]);
      assertMemberMayJoin(db, target, row.id, null);
      insertAreaMember(db, { areaId, organisationId: row.id, areaKind: target.kind, memberRole: 'member' });
    }
    recordAudit(db, actor, {
      action: 'create',
      entity: 'organisation',
      entityId: row.id,
      changes: { ...fields, areaIds },
    });
    return toOrganisation(row);
  });
}

export function updateOrganisation(
  db: Db,
  actor: Actor,
  id: number,
  input: UpdateOrganisation,
): Organisation {
  return db.transaction(() => {
    const before = findRow(db, id);
    assertVersion('Organisation', before.version, input.version);
    const { version: _v, ...fields } = input;
    assertParent(db, fields.parentId, id);
    assertCodeFree(db, before.kind, fields.code, id);
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return toOrganisation(before);
    const now = nowIso();
    const row = updateOrganisationRow(db, id, {
      ...fields,
      version: before.version + 1,
      updatedAt: now,
      editedAt: now,
    });
    recordAudit(db, actor, { action: 'update', entity: 'organisation', entityId: id, changes });
    return toOrganisation(row);
  });
}

export function deleteOrganisation(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = findRow(db, id);
    const people = peopleInOrganisation(db, id);
    if (people > 0) throw new RegisterConflict({ kind: 'hasContacts', people });
    if (convenesAnArea(db, id)) throw new RegisterConflict({ kind: 'convenesArea' });
    deleteOrganisationRow(db, id);
    recordAudit(db, actor, {
      action: 'delete',
      entity: 'organisation',
      entityId: id,
      changes: toOrganisation(before),
    });
  });
}
