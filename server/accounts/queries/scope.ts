import type { ProgrammeRole } from '../../../db/schema/index.ts';
import { type DbOrTx, prepared, whileUnchanged } from '../../../db/statements.ts';

/**
 * The SQL of programme scope: an account's memberships, and which programmes a record belongs to.
 * A record's programmes come back as a list: undefined when the record does not exist, [] when it
 * belongs to no programme (an organisation no programme's area holds yet).
 */

export interface MembershipRow {
  programmeId: number;
  role: ProgrammeRole;
}

export function membershipsOf(db: DbOrTx, accountId: number): MembershipRow[] {
  return prepared<MembershipRow>(
    db,
    'SELECT programme_id AS programmeId, role FROM account_programme WHERE account_id = ? ORDER BY programme_id',
  ).all(accountId);
}

export interface ProgrammeName {
  id: number;
  key: string;
  name: string;
}

export function programmeNamed(db: DbOrTx, id: number): ProgrammeName | undefined {
  return prepared<ProgrammeName>(db, 'SELECT id, key, name FROM programme WHERE id = ?').get(id);
}

export function programmeByKey(db: DbOrTx, key: string): ProgrammeName | undefined {
  return prepared<ProgrammeName>(db, 'SELECT id, key, name FROM programme WHERE key = ?').get(key);
}

export function replaceMemberships(db: DbOrTx, accountId: number, rows: MembershipRow[]): void {
  prepared(db, 'DELETE FROM account_programme WHERE account_id = ?').run(accountId);
  const insert = prepared(
    db,
    'INSERT INTO account_programme (account_id, programme_id, role) VALUES (?, ?, ?)',
  );
  for (const row of rows) insert.run(accountId, row.programmeId, row.role);
}

export function programmeIdOfAreaKind(db: DbOrTx, kind: string): number | undefined {
  return prepared<{ id: number }>(db, 'SELECT id FROM programme WHERE area_kind = ? ORDER BY id LIMIT 1').get(
    kind,
  )?.id;
}

export function programmeKeys(db: DbOrTx): string[] {
  return prepared<{ key: string }>(db, 'SELECT key FROM programme ORDER BY id')
    .all()
    .map((r) => r.key);
}

type Ids = { programmeId: number | null }[];

/** One statement per kind of record; each selects the programme ids (NULL for none) of the record `?`. */
const PROGRAMMES_OF = {
  meeting: `SELECT a.programme_id AS programmeId FROM meeting m JOIN area a ON a.id = m.area_id WHERE m.id = ?`,
  area: 'SELECT programme_id AS programmeId FROM area WHERE id = ?',
  cycle: 'SELECT programme_id AS programmeId FROM cycle WHERE id = ?',
  // outcomes are kept by area: the programme of the barrier's or agreement's area
  barrier: `SELECT a.programme_id AS programmeId FROM barrier b JOIN area a ON a.id = b.area_id WHERE b.id = ?`,
  agreement: `SELECT a.programme_id AS programmeId FROM agreement g JOIN area a ON a.id = g.area_id WHERE g.id = ?`,
  district: `SELECT a.programme_id AS programmeId FROM organisation o
    LEFT JOIN area a ON a.convener_id = o.id AND a.programme_id IS NOT NULL
    WHERE o.kind = 'police_district' AND o.code = ?`,
  outbox: `SELECT a.programme_id AS programmeId FROM outbox_message o
    LEFT JOIN meeting m ON m.id = o.meeting_id LEFT JOIN area a ON a.id = m.area_id WHERE o.id = ?`,
  agendaItem: `SELECT a.programme_id AS programmeId FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
    JOIN area a ON a.id = m.area_id WHERE i.id = ?`,
  invitation: `SELECT a.programme_id AS programmeId FROM invitation i JOIN meeting m ON m.id = i.meeting_id
    JOIN area a ON a.id = m.area_id WHERE i.id = ?`,
  mapping: `SELECT a.programme_id AS programmeId FROM district_mapping d JOIN area a ON a.id = d.area_id WHERE d.id = ?`,
  programme: 'SELECT id AS programmeId FROM programme WHERE id = ?',
  // an organisation takes part where it is a member or convener of an area, or owns the programme
  organisation: `SELECT NULL AS programmeId FROM organisation WHERE id = :id
    UNION SELECT a.programme_id FROM area_member am JOIN area a ON a.id = am.area_id
      WHERE am.organisation_id = :id AND a.programme_id IS NOT NULL
    UNION SELECT programme_id FROM area WHERE convener_id = :id AND programme_id IS NOT NULL
    UNION SELECT id FROM programme WHERE owner_organisation_id = :id`,
  // a person: through their organisation and the ones they cover, and the meetings they are asked to
  person: `SELECT NULL AS programmeId FROM person WHERE id = :id
    UNION SELECT a.programme_id FROM person p JOIN area_member am
      ON am.organisation_id = p.organisation_id
        OR am.organisation_id IN (SELECT organisation_id FROM person_coverage WHERE person_id = p.id)
      JOIN area a ON a.id = am.area_id WHERE p.id = :id AND a.programme_id IS NOT NULL
    UNION SELECT a.programme_id FROM person p JOIN area a ON a.convener_id = p.organisation_id
      WHERE p.id = :id AND a.programme_id IS NOT NULL
    UNION SELECT a.programme_id FROM invitation i JOIN meeting m ON m.id = i.meeting_id
      JOIN area a ON a.id = m.area_id WHERE i.person_id = :id AND a.programme_id IS NOT NULL
    UNION SELECT a.programme_id FROM meeting m JOIN area a ON a.id = m.area_id
      WHERE m.facilitator_id = :id AND a.programme_id IS NOT NULL`,
} as const;

export type ScopedRecord = keyof typeof PROGRAMMES_OF;

/**
 * The programmes a record belongs to; undefined when there is no such record. Kept while the
 * database is unchanged (whileUnchanged; read afresh inside a write's transaction): every request
 * naming a record checks it, and between two writes the same few are asked for again and again.
 */
export function programmesOfRecord(
  db: DbOrTx,
  kind: ScopedRecord,
  id: number | string,
): readonly number[] | undefined {
  return whileUnchanged(db, `programmes-of:${kind}:${id}`, () => ({ ids: readProgrammesOf(db, kind, id) }))
    .ids;
}

function readProgrammesOf(db: DbOrTx, kind: ScopedRecord, id: number | string): number[] | undefined {
  const sqlText = PROGRAMMES_OF[kind];
  const named = sqlText.includes(':id');
  const rows = (named ? prepared(db, sqlText).all({ id }) : prepared(db, sqlText).all(id)) as Ids;
  if (rows.length === 0) return undefined;
  return [...new Set(rows.map((r) => r.programmeId).filter((p): p is number => p !== null))];
}

export function programmeKeysById(db: DbOrTx): Map<number, string> {
  return new Map(
    prepared<{ id: number; key: string }>(db, 'SELECT id, key FROM programme')
      .all()
      .map((r) => [r.id, r.key]),
  );
}

export interface AccountListRow {
  id: number;
  email: string;
  name: string | null;
  role: string;
  disabledAt: string | null;
  /** JSON array of {programme, role}, or NULL. */
  programmes: string | null;
}

/** Every account with its programmes (key and role), by email. */
export function accountsWithProgrammes(db: DbOrTx, id: number | null = null): AccountListRow[] {
  return prepared<AccountListRow>(
    db,
    `SELECT a.id, a.email, a.name, a.role, a.disabled_at AS disabledAt,
            (SELECT json_group_array(json_object('programme', p.key, 'role', ap.role))
               FROM account_programme ap JOIN programme p ON p.id = ap.programme_id
              WHERE ap.account_id = a.id) AS programmes
       FROM account a WHERE (:id IS NULL OR a.id = :id) ORDER BY a.email`,
  ).all({ id });
}

// ---- list filters: SQL conditions bound to `:programmes` (a JSON array of ids, NULL for all)

const IN_SCOPE = 'IN (SELECT value FROM json_each(:programmes))';

/** Organisations taking part in the programmes of `:programmes`, or (with `IS NOT NULL`) in any. */
const organisationsOf = (test: string) => `
  SELECT am.organisation_id FROM area_member am JOIN area a ON a.id = am.area_id WHERE a.programme_id ${test}
  UNION SELECT convener_id FROM area WHERE programme_id ${test}
  UNION SELECT owner_organisation_id FROM programme WHERE id ${test} AND owner_organisation_id IS NOT NULL`;

const meetingPeopleOf = (test: string) => `
  SELECT i.person_id FROM invitation i JOIN meeting m ON m.id = i.meeting_id JOIN area a ON a.id = m.area_id
   WHERE a.programme_id ${test}
  UNION SELECT m.facilitator_id FROM meeting m JOIN area a ON a.id = m.area_id
   WHERE a.programme_id ${test} AND m.facilitator_id IS NOT NULL`;

/**
 * An organisation `o` the caller may see: one of its programmes', or one no programme has yet (the
 * shared register's unassigned part). The same rule as programmesOfRecord('organisation').
 */
export const ORGANISATION_IN_SCOPE = `(:programmes IS NULL
  OR o.id IN (${organisationsOf(IN_SCOPE)})
  OR o.id NOT IN (${organisationsOf('IS NOT NULL')}))`;

/** A person `p` the caller may see; the same rule as programmesOfRecord('person'). */
export const PERSON_IN_SCOPE = `(:programmes IS NULL
  OR p.organisation_id IN (${organisationsOf(IN_SCOPE)})
  OR p.id IN (SELECT person_id FROM person_coverage WHERE organisation_id IN (${organisationsOf(IN_SCOPE)}))
  OR p.id IN (${meetingPeopleOf(IN_SCOPE)})
  OR (p.organisation_id NOT IN (${organisationsOf('IS NOT NULL')})
      AND p.id NOT IN (SELECT person_id FROM person_coverage WHERE organisation_id IN (${organisationsOf('IS NOT NULL')}))
      AND p.id NOT IN (${meetingPeopleOf('IS NOT NULL')})))`;

/** The ids of the organisations a scoped caller may see (for queries built with drizzle). */
export function organisationIdsInScope(db: DbOrTx, programmes: string): number[] {
  return prepared<{ id: number }>(db, `SELECT o.id FROM organisation o WHERE ${ORGANISATION_IN_SCOPE}`)
    .all({ programmes })
    .map((r) => r.id);
}
