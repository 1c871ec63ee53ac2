import { and, asc, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  area,
  cycle,
  language,
  organisation,
  organisationKind,
  programme,
  role,
  sector,
} from '../../db/schema/index.ts';
import { type DbOrTx, prepared } from '../../db/statements.ts';

/** Programmes' and catalogues' data access: the one place their SQL lives. */

export type ProgrammeRow = typeof programme.$inferSelect;
export type LanguageRow = typeof language.$inferSelect;
export type SectorRow = typeof sector.$inferSelect;
export type OrganisationKindRow = typeof organisationKind.$inferSelect;

export const programmeRows = (db: DbOrTx): ProgrammeRow[] =>
  db.select().from(programme).orderBy(asc(programme.id)).all();

export const programmeByKey = (db: DbOrTx, key: string): ProgrammeRow | undefined =>
  db.select().from(programme).where(eq(programme.key, key)).get();

export const programmeById = (db: DbOrTx, id: number): ProgrammeRow | undefined =>
  db.select().from(programme).where(eq(programme.id, id)).get();

export const programmeBySeedKey = (db: DbOrTx, seedKey: string): ProgrammeRow | undefined =>
  db.select().from(programme).where(eq(programme.seedKey, seedKey)).get();

/** The programme that convenes areas of this kind; the oldest when several do. */
export const programmeByAreaKind = (db: DbOrTx, kind: string): ProgrammeRow | undefined =>
  db.select().from(programme).where(eq(programme.areaKind, kind)).orderBy(asc(programme.id)).get();

export const insertProgramme = (db: DbOrTx, row: typeof programme.$inferInsert): ProgrammeRow =>
  db.insert(programme).values(row).returning().get();

export const updateProgrammeRow = (db: DbOrTx, id: number, set: Partial<typeof programme.$inferInsert>) =>
  db.update(programme).set(set).where(eq(programme.id, id)).returning().get();

export const organisationExists = (db: DbOrTx, id: number): boolean =>
  !!db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id)).get();

// ---- catalogues ----

export const languageRows = (db: DbOrTx): LanguageRow[] =>
  db.select().from(language).orderBy(asc(language.code)).all();
// hot: every person written checks their language, so a prepared statement, not the query builder
export const languageByCode = (
  db: DbOrTx,
  code: string,
): Pick<LanguageRow, 'code' | 'name' | 'textsFrom'> | undefined =>
  prepared<Pick<LanguageRow, 'code' | 'name' | 'textsFrom'>>(
    db,
    'SELECT code, name, texts_from AS textsFrom FROM language WHERE code = ?',
  ).get(code);
/**
 * SQL for the catalogue a stored language code reads: its row's `texts_from` (nn → nb), Danish for a
 * code no longer in the table. Every read that picks an email's language uses it.
 */
export const textsLanguageSql = (column: string) =>
  `COALESCE((SELECT l.texts_from FROM language l WHERE l.code = ${column}), 'da')`;
export const insertLanguage = (db: DbOrTx, row: typeof language.$inferInsert) =>
  db.insert(language).values(row).onConflictDoNothing().run().changes;
export const updateLanguageRow = (db: DbOrTx, code: string, set: Partial<typeof language.$inferInsert>) =>
  db.update(language).set(set).where(eq(language.code, code)).run().changes;
export const deleteLanguageRow = (db: DbOrTx, code: string) =>
  db.delete(language).where(eq(language.code, code)).run().changes;

export const sectorRows = (db: DbOrTx): SectorRow[] =>
  db.select().from(sector).orderBy(asc(sector.key)).all();
export const sectorByKey = (db: DbOrTx, key: string): { key: string } | undefined =>
  prepared<{ key: string }>(db, 'SELECT key FROM sector WHERE key = ?').get(key);
export const insertSector = (db: DbOrTx, row: typeof sector.$inferInsert) =>
  db.insert(sector).values(row).onConflictDoNothing().run().changes;
export const updateSectorRow = (db: DbOrTx, key: string, set: Partial<typeof sector.$inferInsert>) =>
  db.update(sector).set(set).where(eq(sector.key, key)).run().changes;
export const deleteSectorRow = (db: DbOrTx, key: string) =>
  db.delete(sector).where(eq(sector.key, key)).run().changes;

export const organisationKindRows = (db: DbOrTx): OrganisationKindRow[] =>
  db.select().from(organisationKind).orderBy(asc(organisationKind.key)).all();
// hot: every organisation written checks its kind
export const organisationKindByKey = (db: DbOrTx, key: string): { key: string } | undefined =>
  prepared<{ key: string }>(db, 'SELECT key FROM organisation_kind WHERE key = ?').get(key);
export const insertOrganisationKind = (db: DbOrTx, row: typeof organisationKind.$inferInsert) =>
  db.insert(organisationKind).values(row).onConflictDoNothing().run().changes;
export const updateOrganisationKindRow = (
  db: DbOrTx,
  key: string,
  set: Partial<typeof organisationKind.$inferInsert>,
) => db.update(organisationKind).set(set).where(eq(organisationKind.key, key)).run().changes;
export const deleteOrganisationKindRow = (db: DbOrTx, key: string) =>
  db.delete(organisationKind).where(eq(organisationKind.key, key)).run().changes;

/** What uses a catalogue row, counted, so that a refused delete can say so. */
export function usesOfLanguage(db: Db, code: string) {
  return {
    programmes: db.select({ n: count() }).from(programme).where(eq(programme.languageCode, code)).get()!.n,
    people: prepared<{ n: number }>(db, 'SELECT count(*) AS n FROM person WHERE language = ?').get(code)!.n,
    languages: db
      .select({ n: count() })
      .from(language)
      .where(and(eq(language.textsFrom, code), ne(language.code, code)))
      .get()!.n,
  };
}

export function usesOfSector(db: Db, key: string) {
  return {
    organisationKinds: db
      .select({ n: count() })
      .from(organisationKind)
      .where(eq(organisationKind.sectorKey, key))
      .get()!.n,
    roles: db
      .select({ n: count() })
      .from(role)
      .where(eq(role.side, key as never))
      .get()!.n,
  };
}

export function usesOfOrganisationKind(db: Db, key: string) {
  return {
    organisations: db
      .select({ n: count() })
      .from(organisation)
      .where(eq(organisation.kind, key as never))
      .get()!.n,
  };
}

/** Existing cycles and areas of the programme, which a change of its area kind would strand. */
export function usesOfProgramme(db: Db, id: number) {
  return {
    cycles: db.select({ n: count() }).from(cycle).where(eq(cycle.programmeId, id)).get()!.n,
    areas: db.select({ n: count() }).from(area).where(eq(area.programmeId, id)).get()!.n,
  };
}

export const areasOfKindCount = (db: DbOrTx, kind: string): number =>
  db.select({ n: count() }).from(area).where(eq(area.kind, kind)).get()!.n;

/** Areas of the kind that no programme holds yet join the programme; returns how many did. */
export const assignUnclaimedAreas = (db: DbOrTx, programmeId: number, kind: string): number =>
  db
    .update(area)
    .set({ programmeId })
    .where(and(eq(area.kind, kind), isNull(area.programmeId)))
    .run().changes;

export const roleKeysThatExist = (db: DbOrTx, keys: string[]): string[] =>
  keys.length
    ? db
        .select({ key: role.key })
        .from(role)
        .where(inArray(role.key, keys))
        .all()
        .map((r) => r.key)
    : [];

/**
 * How many of the programme's recorded outcomes use each taxonomy key: barrier categories, agreement
 * types and mapping forum levels of its areas, so a key still in use is not taken away.
 */
export function taxonomyKeysInUse(db: DbOrTx, programmeId: number) {
  const used = (sqlText: string) =>
    new Map(
      prepared<{ key: string; n: number }>(db, sqlText)
        .all(programmeId)
        .map((r) => [r.key, r.n]),
    );
  return {
    barrierCategories: used(
      'SELECT b.category AS key, count(*) AS n FROM barrier b JOIN area a ON a.id = b.area_id WHERE a.programme_id = ? GROUP BY b.category',
    ),
    agreementTypes: used(
      'SELECT g.type AS key, count(*) AS n FROM agreement g JOIN area a ON a.id = g.area_id WHERE a.programme_id = ? GROUP BY g.type',
    ),
    forumLevels: used(
      'SELECT m.forum_level AS key, count(*) AS n FROM district_mapping m JOIN area a ON a.id = m.area_id WHERE a.programme_id = ? GROUP BY m.forum_level',
    ),
  };
}
