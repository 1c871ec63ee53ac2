import { and, asc, count, eq, exists, like, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { area, areaMember, organisation, person, personRole, role } from '../../../db/schema/index.ts';
import { prepared } from '../../../db/statements.ts';
import { organisationIdsInScope } from '../../accounts/queries/scope.ts';

/** The register's organisations, areas, police districts and roles: their SQL, returning typed rows. */

export type OrganisationRow = typeof organisation.$inferSelect;
export type AreaRow = typeof area.$inferSelect;
export type RoleRow = typeof role.$inferSelect;

export interface AreaMemberRow {
  organisationId: number;
  name: string;
  kind: OrganisationRow['kind'];
  code: string | null;
  memberRole: (typeof areaMember.$inferSelect)['memberRole'];
  hostWillingness: (typeof areaMember.$inferSelect)['hostWillingness'];
}

export interface DistrictRow {
  id: number;
  code: string;
  name: string;
  headquarters: string | null;
  areaId: number;
}

export interface DistrictMemberRow {
  id: number;
  kind: string;
  code: string | null;
  name: string;
  region: string | null;
  address: string | null;
}

export interface MunicipalityRow {
  id: number;
  code: string;
  name: string;
  region: string | null;
  districtCode: string;
}

// ---- organisations

export function organisationPage(
  db: Db,
  filter: { kind?: OrganisationRow['kind']; district?: string; q?: string; programmes: string | null },
  page: { limit: number; offset: number },
): { rows: OrganisationRow[]; total: number } {
  const conditions: SQL[] = [];
  if (filter.programmes !== null) {
    const visible = JSON.stringify(organisationIdsInScope(db, filter.programmes));
    conditions.push(sql`${organisation.id} IN (SELECT value FROM json_each(${visible}))`);
  }
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
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(organisation).where(where).get()!.n;
  return { rows, total };
}

export function organisationById(db: Db, id: number): OrganisationRow | undefined {
  return db.select().from(organisation).where(eq(organisation.id, id)).get();
}

export function organisationExists(db: Db, id: number): boolean {
  return (
    db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id)).get() !== undefined
  );
}

export function organisationIdWithCode(
  db: Db,
  kind: OrganisationRow['kind'],
  code: string,
): number | undefined {
  return db
    .select({ id: organisation.id })
    .from(organisation)
    .where(and(eq(organisation.kind, kind), eq(organisation.code, code)))
    .get()?.id;
}

export function insertOrganisation(db: Db, values: typeof organisation.$inferInsert): OrganisationRow {
  return db.insert(organisation).values(values).returning().get();
}

export function updateOrganisationRow(
  db: Db,
  id: number,
  set: Partial<typeof organisation.$inferInsert>,
): OrganisationRow {
  return db.update(organisation).set(set).where(eq(organisation.id, id)).returning().get()!;
}

export function deleteOrganisationRow(db: Db, id: number): void {
  db.delete(organisation).where(eq(organisation.id, id)).run();
}

export function peopleInOrganisation(db: Db, id: number): number {
  return db.select({ n: count() }).from(person).where(eq(person.organisationId, id)).get()!.n;
}

export function convenesAnArea(db: Db, organisationId: number): boolean {
  return db.select({ id: area.id }).from(area).where(eq(area.convenerId, organisationId)).get() !== undefined;
}

// ---- areas

export function areasOfKind(db: Db, kind?: string): AreaRow[] {
  return db
    .select()
    .from(area)
    .where(kind ? eq(area.kind, kind) : undefined)
    .orderBy(asc(area.kind), asc(area.name))
    .all();
}

export function areaById(db: Db, id: number): AreaRow | undefined {
  return db.select().from(area).where(eq(area.id, id)).get();
}

export function areaMembers(db: Db, areaId: number): AreaMemberRow[] {
  return db
    .select({
      organisationId: areaMember.organisationId,
      name: organisation.name,
      kind: organisation.kind,
      code: organisation.code,
      memberRole: areaMember.memberRole,
      hostWillingness: areaMember.hostWillingness,
    })
    .from(areaMember)
    .innerJoin(organisation, eq(organisation.id, areaMember.organisationId))
    .where(eq(areaMember.areaId, areaId))
    .orderBy(asc(areaMember.memberRole), asc(organisation.name))
    .all();
}

/** Another area of the programme the organisation is a plain member of, if any. */
export function memberAreaInProgramme(
  db: Db,
  organisationId: number,
  programmeId: number,
  exceptAreaId: number | null,
): number | undefined {
  return db
    .select({ areaId: areaMember.areaId })
    .from(areaMember)
    .innerJoin(area, eq(area.id, areaMember.areaId))
    .where(
      and(
        eq(areaMember.organisationId, organisationId),
        eq(area.programmeId, programmeId),
        eq(areaMember.memberRole, 'member'),
        exceptAreaId === null ? undefined : ne(area.id, exceptAreaId),
      ),
    )
    .get()?.areaId;
}

export function insertAreaMember(db: Db, values: typeof areaMember.$inferInsert): void {
  db.insert(areaMember).values(values).run();
}

/** Adds the member, or changes its role (and its willingness to host, when given). */
export function upsertAreaMember(db: Db, values: typeof areaMember.$inferInsert): void {
  db.insert(areaMember)
    .values(values)
    .onConflictDoUpdate({
      target: [areaMember.areaId, areaMember.organisationId],
      set: {
        memberRole: values.memberRole,
        ...(values.hostWillingness ? { hostWillingness: values.hostWillingness } : {}),
      },
    })
    .run();
}

/** The number of members removed (0 or 1). */
export function deleteAreaMember(db: Db, areaId: number, organisationId: number): number {
  return db
    .delete(areaMember)
    .where(and(eq(areaMember.areaId, areaId), eq(areaMember.organisationId, organisationId)))
    .run().changes;
}

export function insertArea(db: Db, values: typeof area.$inferInsert): AreaRow {
  return db.insert(area).values(values).returning().get();
}

export function updateAreaRow(db: Db, id: number, set: Partial<typeof area.$inferInsert>): void {
  db.update(area).set(set).where(eq(area.id, id)).run();
}

// ---- police districts

const DISTRICT_COLUMNS = `
  SELECT o.id, o.code, o.name, o.address AS headquarters, a.id AS areaId
  FROM organisation o JOIN area a ON a.convener_id = o.id AND a.kind = 'police_district'
  WHERE o.kind = 'police_district'`;

export function districtRows(db: Db): (DistrictRow & { municipalityCount: number })[] {
  return prepared<DistrictRow & { municipalityCount: number }>(
    db,
    `SELECT d.*, (SELECT count(*) FROM area_member m WHERE m.area_id = d.areaId AND m.member_role = 'member') AS municipalityCount
     FROM (${DISTRICT_COLUMNS}) d ORDER BY d.code`,
  ).all();
}

export function districtByCode(db: Db, code: string): DistrictRow | undefined {
  return prepared<DistrictRow>(db, `${DISTRICT_COLUMNS} AND o.code = ?`).get(code);
}

/** The district area's members and supporters (municipalities, children's houses), by name. */
export function districtMembers(db: Db, areaId: number): DistrictMemberRow[] {
  return prepared<DistrictMemberRow>(
    db,
    `SELECT o.id, o.kind, o.code, o.name, o.region, o.address
     FROM area_member m JOIN organisation o ON o.id = m.organisation_id
     WHERE m.area_id = ? AND m.member_role IN ('member', 'support') ORDER BY o.name`,
  ).all(areaId);
}

/** Municipalities with their police district, of one district or all. */
export function municipalityRows(db: Db, districtCode: string | null): MunicipalityRow[] {
  return prepared<MunicipalityRow>(
    db,
    `SELECT o.id, o.code, o.name, o.region, d.code AS districtCode
     FROM organisation o
     JOIN area_member m ON m.organisation_id = o.id AND m.member_role = 'member' AND m.area_kind = 'police_district'
     JOIN area a ON a.id = m.area_id JOIN organisation d ON d.id = a.convener_id
     WHERE o.kind = 'municipality' AND (:district IS NULL OR d.code = :district)
     ORDER BY o.name`,
  ).all({ district: districtCode });
}

// ---- roles

export function roleRows(db: Db): RoleRow[] {
  return db.select().from(role).orderBy(asc(role.side), asc(role.level), asc(role.name)).all();
}

export function roleById(db: Db, id: number): RoleRow | undefined {
  return db.select().from(role).where(eq(role.id, id)).get();
}

export function roleKeyTaken(db: Db, key: string): boolean {
  return db.select({ id: role.id }).from(role).where(eq(role.key, key)).get() !== undefined;
}

export function insertRole(db: Db, values: typeof role.$inferInsert): RoleRow {
  return db.insert(role).values(values).returning().get();
}

export function updateRoleRow(db: Db, id: number, set: Partial<typeof role.$inferInsert>): RoleRow {
  return db.update(role).set(set).where(eq(role.id, id)).returning().get()!;
}

export function roleHolders(db: Db, roleId: number): number {
  return db.select({ n: count() }).from(personRole).where(eq(personRole.roleId, roleId)).get()!.n;
}

export function deleteRoleRow(db: Db, id: number): void {
  db.delete(role).where(eq(role.id, id)).run();
}
