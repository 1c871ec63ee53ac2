import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { districtMapping, theme } from '../../../db/schema/index.ts';
import { prepared } from '../../../db/statements.ts';

/** What the outcomes refer to (police districts, municipalities, people) and the themes and mappings: their SQL. */

/**
 * The area an outcome belongs to (outcome rows store its area_id) with its convening organisation:
 * a Danish police district, or the convener of any programme's area.
 */
export interface DistrictRef {
  /** The convening organisation's id. */
  id: number;
  /** The police district code; other conveners may have none. */
  code: string | null;
  name: string;
  areaId: number;
  areaName: string;
  areaKind: string;
  programmeId: number | null;
}

export interface MunicipalityRef {
  id: number;
  code: string | null;
  name: string;
}

export type ThemeRow = typeof theme.$inferSelect;
export type MappingRow = typeof districtMapping.$inferSelect;

const AREA = `
  SELECT o.id, o.code, o.name, a.id AS areaId, a.name AS areaName, a.kind AS areaKind, a.programme_id AS programmeId
  FROM organisation o JOIN area a ON a.convener_id = o.id`;

export function districtWithCode(db: Db, code: string): DistrictRef | undefined {
  return prepared<DistrictRef>(
    db,
    `${AREA} AND a.kind = 'police_district' WHERE o.kind = 'police_district' AND o.code = ?`,
  ).get(code);
}

export function areaWithId(db: Db, areaId: number): DistrictRef | undefined {
  return prepared<DistrictRef>(db, `${AREA} WHERE a.id = ?`).get(areaId);
}

/**
 * The member organisations of the area, by name: a police district's municipalities, or the
 * members of another programme's area whatever their kind (boroughs, services, …).
 */
export function municipalitiesOfArea(db: Db, areaId: number): MunicipalityRef[] {
  return prepared<MunicipalityRef>(
    db,
    `SELECT o.id, o.code, o.name FROM area_member m JOIN organisation o ON o.id = m.organisation_id
     JOIN area a ON a.id = m.area_id
     WHERE m.area_id = ? AND m.member_role = 'member' AND (a.kind <> 'police_district' OR o.kind = 'municipality')
     ORDER BY o.name`,
  ).all(areaId);
}

/** How many of the (distinct) ids are people. */
export function countPeople(db: Db, ids: number[]): number {
  return (
    prepared<{ n: number }>(
      db,
      'SELECT count(*) AS n FROM person WHERE id IN (SELECT value FROM json_each(?))',
    ).get(JSON.stringify(ids))?.n ?? 0
  );
}

// ---- themes

export function themeRows(db: Db, includeInactive: boolean): ThemeRow[] {
  return db
    .select()
    .from(theme)
    .where(includeInactive ? undefined : eq(theme.active, true))
    .orderBy(asc(theme.position), asc(theme.id))
    .all();
}

export function themeById(db: Db, id: number): ThemeRow | undefined {
  return db.select().from(theme).where(eq(theme.id, id)).get();
}

/** The position after the last theme. */
export function nextThemePosition(db: Db): number {
  return prepared<{ p: number }>(db, 'SELECT coalesce(max(position), -1) + 1 AS p FROM theme').get()?.p ?? 0;
}

export function insertTheme(db: Db, values: typeof theme.$inferInsert): ThemeRow {
  return db.insert(theme).values(values).returning().get();
}

export function updateThemeRow(db: Db, id: number, set: Partial<typeof theme.$inferInsert>): ThemeRow {
  return db.update(theme).set(set).where(eq(theme.id, id)).returning().get()!;
}

export function deleteThemeRow(db: Db, id: number): void {
  db.delete(theme).where(eq(theme.id, id)).run();
}

// ---- the areas' yearly mappings

export function mappingOf(db: Db, areaId: number, year: number): MappingRow | undefined {
  return db
    .select()
    .from(districtMapping)
    .where(and(eq(districtMapping.areaId, areaId), eq(districtMapping.year, year)))
    .get();
}

export function insertMapping(db: Db, values: typeof districtMapping.$inferInsert): MappingRow {
  return db.insert(districtMapping).values(values).returning().get();
}

export function updateMappingRow(
  db: Db,
  id: number,
  set: Partial<typeof districtMapping.$inferInsert>,
): MappingRow {
  return db.update(districtMapping).set(set).where(eq(districtMapping.id, id)).returning().get()!;
}
