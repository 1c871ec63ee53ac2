import type { Db } from '../../../db/client.ts';
import type { RoleLevel } from '../../../db/schema/index.ts';
import { prepared } from '../../../db/statements.ts';
import { PERSON_IN_SCOPE } from '../../accounts/queries/scope.ts';
import type { Person } from '../schemas.ts';

/**
 * People's SQL (the register's people, their roles, the import's look-ups), returning typed rows.
 * People are read as arrays (better-sqlite3 raw mode): measured 30% faster than objects for a page.
 */

/** The stored row's own columns, as personTuple reads them (without the organisation's). */
export type InsertedPersonTuple = [
  id: number,
  name: string,
  email: string,
  phone: string | null,
  title: string | null,
  isFixedContact: number,
  language: string,
  version: number,
  createdAt: string,
  updatedAt: string,
];

export type PersonTuple = [
  ...InsertedPersonTuple,
  organisationId: number,
  organisationKind: Person['organisation']['kind'],
  organisationName: string,
  organisationCode: string | null,
];

export type PersonRoleTuple = [personId: number, key: string, name: string, level: RoleLevel];

export interface PersonFilter {
  organisation: number | null;
  role: string | null;
  district: string | null;
  /** A LIKE pattern. */
  q: string | null;
  /** The caller's programmes (scopeParam), null for all. */
  programmes: string | null;
}

export interface PersonWrite {
  name: string;
  email: string;
  phone: string | null;
  title: string | null;
  organisationId: number;
  isFixedContact: boolean;
  language: string;
}

const PERSON_COLUMNS = `
  SELECT p.id, p.name, p.email, p.phone, p.title, p.is_fixed_contact, p.language, p.version, p.created_at,
         p.updated_at, o.id, o.kind, o.name, o.code`;

/** Filters are bound as NULL when absent, so one prepared statement serves every combination. */
const PERSON_FILTER = `
  WHERE (:organisation IS NULL OR p.organisation_id = :organisation)
    AND (:role IS NULL OR EXISTS (SELECT 1 FROM person_role pr JOIN role r ON r.id = pr.role_id
                                  WHERE pr.person_id = p.id AND r.key = :role))
    AND (:district IS NULL OR p.organisation_id IN (
          SELECT m.organisation_id FROM area_member m JOIN area a ON a.id = m.area_id
          JOIN organisation d ON d.id = a.convener_id
          WHERE a.kind = 'police_district' AND d.code = :district))
    AND (:q IS NULL OR p.name LIKE :q OR p.email LIKE :q)
    AND ${PERSON_IN_SCOPE}`;

/**
 * A page of people in name order. Pages the ids first (an index scan), then reads just those rows;
 * CROSS JOIN keeps SQLite from scanning every person when LIMIT is a bound parameter (measured:
 * 170 µs → 35 µs).
 */
export function personPage(
  db: Db,
  filter: PersonFilter,
  page: { limit: number; offset: number },
): { rows: PersonTuple[]; total: number } {
  const rows = prepared<PersonTuple>(
    db,
    `${PERSON_COLUMNS}
     FROM (SELECT p.id AS pageId FROM person p ${PERSON_FILTER} ORDER BY p.name, p.id LIMIT :limit OFFSET :offset) page
     CROSS JOIN person p ON p.id = page.pageId JOIN organisation o ON o.id = p.organisation_id
     ORDER BY p.name, p.id`,
  )
    .raw(true)
    .all({ ...filter, limit: page.limit, offset: page.offset });
  const total =
    prepared<{ total: number }>(db, `SELECT count(*) AS total FROM person p ${PERSON_FILTER}`).get(filter)
      ?.total ?? 0;
  return { rows, total };
}

export function personTuple(db: Db, id: number): PersonTuple | undefined {
  return prepared<PersonTuple>(
    db,
    `${PERSON_COLUMNS} FROM person p JOIN organisation o ON o.id = p.organisation_id WHERE p.id = ?`,
  )
    .raw(true)
    .get(id);
}

/**
 * The roles of many people in one query over the pair table, instead of a JSON aggregate per row
 * (measured 4× faster for a page of 50).
 */
export function personRoleTuples(db: Db, personIds: number[]): PersonRoleTuple[] {
  return personIds.length === 1
    ? prepared<PersonRoleTuple>(
        db,
        'SELECT pr.person_id, r.key, r.name, r.level FROM person_role pr JOIN role r ON r.id = pr.role_id WHERE pr.person_id = ? ORDER BY r.id',
      )
        .raw(true)
        .all(personIds[0])
    : prepared<PersonRoleTuple>(
        db,
        'SELECT pr.person_id, r.key, r.name, r.level FROM person_role pr JOIN role r ON r.id = pr.role_id WHERE pr.person_id IN (SELECT value FROM json_each(?)) ORDER BY r.id',
      )
        .raw(true)
        .all(JSON.stringify(personIds));
}

/** Which member organisations each person covers beyond their own: [personId, organisationId] pairs. */
export function personCoverageTuples(db: Db, personIds: number[]): [number, number][] {
  // one person (a read after a write) by the primary key; a page through json_each
  return personIds.length === 1
    ? prepared<[number, number]>(
        db,
        'SELECT person_id, organisation_id FROM person_coverage WHERE person_id = ?',
      )
        .raw(true)
        .all(personIds[0])
    : prepared<[number, number]>(
        db,
        'SELECT person_id, organisation_id FROM person_coverage WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY organisation_id',
      )
        .raw(true)
        .all(JSON.stringify(personIds));
}

export function replacePersonCoverage(db: Db, personId: number, organisationIds: number[]): void {
  prepared(db, 'DELETE FROM person_coverage WHERE person_id = ?').run(personId);
  const insert = prepared(db, 'INSERT INTO person_coverage (person_id, organisation_id) VALUES (?, ?)');
  for (const organisationId of organisationIds) insert.run(personId, organisationId);
}

export function personIdByEmail(db: Db, email: string): number | undefined {
  return prepared<{ id: number }>(db, 'SELECT id FROM person WHERE email = ?').get(email)?.id;
}

export type RoleRefTuple = [id: number, key: string, name: string, level: RoleLevel];

/** A role by key with what a person's reply shows of it. */
export function roleRefByKey(db: Db, key: string): RoleRefTuple | undefined {
  return prepared<RoleRefTuple>(db, 'SELECT id, key, name, level FROM role WHERE key = ?').raw(true).get(key);
}

export function organisationExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM organisation WHERE id = ?').get(id) !== undefined;
}

/**
 * What creating a person checks, read in one statement rather than three (each statement costs its
 * own bind, step and reset): the organisation as the reply shows it (nulls when there is none),
 * whether the language is in the catalogue (1 or 0), and who has the email already, if anyone.
 */
export type NewPersonChecks = [
  organisationId: number | null,
  organisationKind: Person['organisation']['kind'] | null,
  organisationName: string | null,
  organisationCode: string | null,
  languageKnown: number,
  emailTakenBy: number | null,
];

export function newPersonChecks(
  db: Db,
  check: { organisationId: number; language: string; email: string },
): NewPersonChecks {
  return prepared<NewPersonChecks>(
    db,
    `SELECT o.id, o.kind, o.name, o.code,
            EXISTS (SELECT 1 FROM language WHERE code = ?),
            (SELECT id FROM person WHERE email = ?)
     FROM (SELECT 1) LEFT JOIN organisation o ON o.id = ?`,
  )
    .raw(true)
    .get(check.language, check.email, check.organisationId)!;
}

export function replacePersonRoles(db: Db, personId: number, roleIds: number[]): void {
  prepared(db, 'DELETE FROM person_role WHERE person_id = ?').run(personId);
  const insert = prepared(db, 'INSERT INTO person_role (person_id, role_id) VALUES (?, ?)');
  for (const roleId of roleIds) insert.run(personId, roleId);
}

/**
 * Inserts a person and returns the row as stored, so a new person's reply needs no read back. The
 * row is made from the values bound, the new id and the defaults (no trigger changes a new person's
 * row), not taken from RETURNING: a RETURNING clause made the insert cost twice as much (SQLite
 * keeps the returned rows in a table of their own; measured 6.0 → 2.7 µs an insert in a batch).
 */
export function insertPersonRow(db: Db, row: PersonWrite, now: string): InsertedPersonTuple {
  const isFixedContact = row.isFixedContact ? 1 : 0;
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO person (name, email, phone, title, organisation_id, is_fixed_contact, language, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.name,
    row.email,
    row.phone,
    row.title,
    row.organisationId,
    isFixedContact,
    row.language,
    now,
    now,
  );
  // version: the column's default, a new row's first
  return [
    Number(lastInsertRowid),
    row.name,
    row.email,
    row.phone,
    row.title,
    isFixedContact,
    row.language,
    1,
    now,
    now,
  ];
}

/** The roles of a person who has none yet (a new one): no delete first. */
export function insertPersonRoles(db: Db, personId: number, roleIds: number[]): void {
  const insert = prepared(db, 'INSERT INTO person_role (person_id, role_id) VALUES (?, ?)');
  for (const roleId of roleIds) insert.run(personId, roleId);
}

/** Writes every field and counts a new version. */
export function updatePersonRow(db: Db, id: number, row: PersonWrite, now: string): void {
  prepared(
    db,
    `UPDATE person SET name = :name, email = :email, phone = :phone, title = :title, organisation_id = :organisationId,
       is_fixed_contact = :isFixedContact, language = :language, version = version + 1, updated_at = :now
     WHERE id = :id`,
  ).run({ ...row, isFixedContact: row.isFixedContact ? 1 : 0, now, id });
}

export function deletePersonRow(db: Db, id: number): void {
  prepared(db, 'DELETE FROM person WHERE id = ?').run(id);
}

// ---- the import's look-ups

/** An organisation by its code, a municipality first when codes are shared. */
export function organisationIdByCode(db: Db, code: string): number | undefined {
  return prepared<{ id: number }>(
    db,
    "SELECT id FROM organisation WHERE code = ? ORDER BY kind = 'municipality' DESC LIMIT 1",
  ).get(code)?.id;
}

/** Organisations named either way, case-insensitively (at most two: enough to see it is ambiguous). */
export function organisationIdsNamed(db: Db, name: string, otherName: string): number[] {
  return prepared<{ id: number }>(
    db,
    'SELECT id FROM organisation WHERE lower(name) = lower(?) OR lower(name) = lower(?) LIMIT 2',
  )
    .all(name, otherName)
    .map((r) => r.id);
}

/** A role by its key or its Danish or English name, case-insensitively. */
export function roleKeyMatching(db: Db, value: string): string | undefined {
  return prepared<{ key: string }>(
    db,
    'SELECT key FROM role WHERE key = lower(:v) OR lower(name) = lower(:v) OR lower(name_en) = lower(:v)',
  ).get({ v: value })?.key;
}
