import { and, asc, count, eq, exists, like, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { area, areaMember, organisation, person } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import { RegisterConflict } from './refusals.ts';
import type { CreateOrganisation, Organisation, UpdateOrganisation } from './schemas.ts';

type OrganisationRow = typeof organisation.$inferSelect;

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

export function listOrganisations(db: Db, filter: OrganisationFilter) {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(organisation.kind, filter.kind));
  if (filter.q) conditions.push(like(organisation.name, `%${filter.q.replace(/[%_]/g, '')}%`));
  if (filter.district) {
    const districtArea = db
      .select({ id: area.id })
      .from(area)
      .innerJoin(organisation, eq(organisation.id, area.convenerId))
      .where(and(eq(organisation.kind, 'police_district'), eq(organisation.code, filter.district)));
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(areaMember)
          .where(
            and(eq(areaMember.organisationId, organisation.id), sql`${areaMember.areaId} IN ${districtArea}`),
          ),
      ),
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = db
    .select()
    .from(organisation)
    .where(where)
    .orderBy(asc(organisation.kind), asc(organisation.name))
    .limit(filter.limit)
    .offset(filter.offset)
    .all();
  const total = db.select({ n: count() }).from(organisation).where(where).get()!.n;
  return { items: rows.map(toOrganisation), total, limit: filter.limit, offset: filter.offset };
}

function findRow(db: Db, id: number): OrganisationRow {
  const row = db.select().from(organisation).where(eq(organisation.id, id)).get();
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
  if (!db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, parentId)).get())
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
  const other = db
    .select({ id: organisation.id })
    .from(organisation)
    .where(and(eq(organisation.kind, kind), eq(organisation.code, code)))
    .get();
  if (other && other.id !== selfId)
    throw new RegisterConflict({ kind: 'codeTaken', organisationKind: kind, code });
}

export function createOrganisation(db: Db, actor: Actor, input: CreateOrganisation): Organisation {
  return db.transaction(() => {
    assertParent(db, input.parentId);
    assertCodeFree(db, input.kind, input.code);
    const now = nowIso();
    const { areaIds = [], ...fields } = input;
    const row = db
      .insert(organisation)
      .values({ ...fields, createdAt: now, updatedAt: now, editedAt: now })
      .returning()
      .get();
    for (const areaId of areaIds) {
      const target = db.select().from(area).where(eq(area.id, areaId)).get();
      if (!target)
        throw badRequest(`Area ${areaId} does not exist`, [
          { field: 'body.areaIds', message: `unknown area ${areaId}` },
        ]);
      const taken = db
        .select({ areaId: areaMember.areaId })
        .from(areaMember)
        .where(
          and(
            eq(areaMember.organisationId, row.id),
            eq(areaMember.areaKind, target.kind),
            eq(areaMember.memberRole, 'member'),
          ),
        )
        .get();
      if (taken)
        throw new RegisterConflict({
          kind: 'memberElsewhere',
          organisationId: null,
          areaKind: target.kind,
          otherAreaId: null,
        });
      db.insert(areaMember)
        .values({ areaId, organisationId: row.id, areaKind: target.kind, memberRole: 'member' })
        .run();
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
    const row = db
      .update(organisation)
      .set({ ...fields, version: before.version + 1, updatedAt: now, editedAt: now })
      .where(eq(organisation.id, id))
      .returning()
      .get();
    recordAudit(db, actor, { action: 'update', entity: 'organisation', entityId: id, changes });
    return toOrganisation(row);
  });
}

export function deleteOrganisation(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = findRow(db, id);
    const people = db.select({ n: count() }).from(person).where(eq(person.organisationId, id)).get()!.n;
    if (people > 0) throw new RegisterConflict({ kind: 'hasContacts', people });
    if (db.select({ id: area.id }).from(area).where(eq(area.convenerId, id)).get())
      throw new RegisterConflict({ kind: 'convenesArea' });
    db.delete(organisation).where(eq(organisation.id, id)).run();
    recordAudit(db, actor, {
      action: 'delete',
      entity: 'organisation',
      entityId: id,
      changes: toOrganisation(before),
    });
  });
}
