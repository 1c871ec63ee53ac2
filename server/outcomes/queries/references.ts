import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { districtMapping, theme } from '../../../db/schema/index.ts';
import { prepared } from '../../../db/statements.ts';

/** What the outcomes refer to (police districts, municipalities, people) and the themes and mappings: their SQL. */

export interface DistrictRef {
  id: number;
  code: string;
  name: string;
  areaId: number;
}

export interface MunicipalityRef {
  id: number;
  code: string;
  name: string;
}

export type ThemeRow = typeof theme.$inferSelect;
export type MappingRow = typeof districtMapping.$inferSelect;

const DISTRICT = `
  SELECT o.id, o.code, o.name, a.id AS areaId FROM organisation o
  JOIN area a ON a.convener_id = o.id AND a.kind = 'police_district'
  WHERE o.kind = 'police_district'`;

export function districtWithCode(db: Db, code: string): DistrictRef | undefined {
  return prepared<DistrictRef>(db, `${DISTRICT} AND o.code = ?`).get(code);
}

export function districtWithId(db: Db, id: number): DistrictRef | undefined {
  return prepared<DistrictRef>(db, `${DISTRICT} AND o.id = ?`).get(id);
}

/** The municipalities that are members of the area, by name. */
export function municipalitiesOfArea(db: Db, areaId: number): MunicipalityRef[] {
  return prepared<MunicipalityRef>(
    db,
    `SELECT o.id, o.code, o.name FROM area_member m JOIN organisation o ON o.id = m.organisation_id
     WHERE m.area_id = ? AND m.member_role = 'member' AND o.kind = 'municipality' ORDER BY o.name`,
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

// ---- the districts' yearly mappings

export function mappingOf(db: Db, districtId: number, year: number): MappingRow | undefined {
  return db
    .select()
    .from(districtMapping)
    .where(and(eq(districtMapping.districtId, districtId), eq(districtMapping.year, year)))
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
