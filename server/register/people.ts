import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound } from '../http/problems.ts';
import { languageByCode, languageRows } from '../programmes/queries.ts';
import { nowIso } from '../time.ts';
import { RegisterConflict } from './refusals.ts';
import type { CreatePerson, Person, PersonQuery, UpdatePerson } from './schemas.ts';

/** Rows are read as arrays (better-sqlite3 raw mode): measured 30% faster than objects for a page. */
type PersonRow = [
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
  organisationId: number,
  organisationKind: Person['organisation']['kind'],
  organisationName: string,
  organisationCode: string | null,
];

type PersonRoleRef = Person['roles'][number];

/**
 * The roles of many people in one query over the pair table, instead of a JSON aggregate per row
 * (measured 4× faster for a page of 50).
 */
function rolesOf(db: Db, personIds: number[]): Map<number, PersonRoleRef[]> {
  const byPerson = new Map<number, PersonRoleRef[]>(personIds.map((id) => [id, []]));
  type RoleRow = [number, string, string, PersonRoleRef['level']];
  const rows =
    personIds.length === 1
      ? prepared<RoleRow>(
          db,
          'SELECT pr.person_id, r.key, r.name, r.level FROM person_role pr JOIN role r ON r.id = pr.role_id WHERE pr.person_id = ? ORDER BY r.id',
        )
          .raw(true)
          .all(personIds[0])
      : prepared<RoleRow>(
          db,
          'SELECT pr.person_id, r.key, r.name, r.level FROM person_role pr JOIN role r ON r.id = pr.role_id WHERE pr.person_id IN (SELECT value FROM json_each(?)) ORDER BY r.id',
        )
          .raw(true)
          .all(JSON.stringify(personIds));
  for (const [personId, key, name, level] of rows) byPerson.get(personId)?.push({ key, name, level });
  return byPerson;
}

function withRoles(db: Db, rows: PersonRow[]): Person[] {
  const roles = rolesOf(
    db,
    rows.map((r) => r[0]),
  );
  return rows.map((row) => toPerson(row, roles.get(row[0]) ?? []));
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
    AND (:q IS NULL OR p.name LIKE :q OR p.email LIKE :q)`;

function toPerson(row: PersonRow, roles: PersonRoleRef[]): Person {
  const [
    id,
    name,
    email,
    phone,
    title,
    isFixedContact,
    language,
    version,
    createdAt,
    updatedAt,
    organisationId,
    kind,
    organisationName,
    code,
  ] = row;
  return {
    id,
    name,
    email,
    phone,
    title,
    organisation: { id: organisationId, kind, name: organisationName, code },
    roles,
    isFixedContact: isFixedContact === 1,
    language,
    version,
    createdAt,
    updatedAt,
  };
}

export function listPeople(db: Db, query: PersonQuery) {
  const params = {
    organisation: query.organisation ?? null,
    role: query.role ?? null,
    district: query.district ?? null,
    q: query.q ? `%${query.q.replace(/[%_]/g, '')}%` : null,
  };
  // Page the ids first (an index scan), then read just those rows; CROSS JOIN keeps SQLite from
  // scanning every person when LIMIT is a bound parameter (measured: 170 µs → 35 µs).
  const rows = prepared<PersonRow>(
    db,
    `${PERSON_COLUMNS}
     FROM (SELECT p.id AS pageId FROM person p ${PERSON_FILTER} ORDER BY p.name, p.id LIMIT :limit OFFSET :offset) page
     CROSS JOIN person p ON p.id = page.pageId JOIN organisation o ON o.id = p.organisation_id
     ORDER BY p.name, p.id`,
  )
    .raw(true)
    .all({
      ...params,
      limit: query.limit,
      offset: query.offset,
    });
  const total =
    prepared<{ total: number }>(db, `SELECT count(*) AS total FROM person p ${PERSON_FILTER}`).get(params)
      ?.total ?? 0;
  return { items: withRoles(db, rows), total, limit: query.limit, offset: query.offset };
}

export function findPerson(db: Db, id: number): Person | null {
  const row = prepared<PersonRow>(
    db,
    `${PERSON_COLUMNS} FROM person p JOIN organisation o ON o.id = p.organisation_id WHERE p.id = ?`,
  )
    .raw(true)
    .get(id);
  return row ? withRoles(db, [row])[0]! : null;
}

export function getPerson(db: Db, id: number): Person {
  const found = findPerson(db, id);
  if (!found) throw notFound('Person', id);
  return found;
}

export function findPersonIdByEmail(db: Db, email: string): number | null {
  const row = prepared<{ id: number }>(db, 'SELECT id FROM person WHERE email = ?').get(email.toLowerCase());
  return row?.id ?? null;
}

/** Role keys → ids; an unknown key is the client's mistake, named in the error. */
export function roleIdsOf(db: Db, keys: string[], field = 'body.roles'): number[] {
  return [...new Set(keys)].map((key) => {
    const row = prepared<{ id: number }>(db, 'SELECT id FROM role WHERE key = ?').get(key);
    if (!row) throw badRequest(`Unknown role "${key}"`, [{ field, message: `unknown role ${key}` }]);
    return row.id;
  });
}

export function assertOrganisationExists(db: Db, id: number, field = 'body.organisationId'): void {
  if (!prepared(db, 'SELECT 1 FROM organisation WHERE id = ?').get(id))
    throw badRequest(`Organisation ${id} does not exist`, [{ field, message: 'unknown organisation' }]);
}

/** A person reads one of the languages in the catalogue (`/api/languages`); anything else is the client's mistake. */
export function assertLanguageExists(db: Db, code: string, field = 'body.language'): void {
  if (languageByCode(db, code)) return;
  const known = languageRows(db).map((l) => l.code);
  throw badRequest(`Unknown language "${code}"`, [
    { field, message: `no language ${code} in the catalogue; choose one of ${known.join(', ')}` },
  ]);
}

function replaceRoles(db: Db, personId: number, roleIds: number[]): void {
  prepared(db, 'DELETE FROM person_role WHERE person_id = ?').run(personId);
  const insert = prepared(db, 'INSERT INTO person_role (person_id, role_id) VALUES (?, ?)');
  for (const roleId of roleIds) insert.run(personId, roleId);
}

/** Inserts one person; the caller owns the transaction and the audit record. */
export function insertPerson(db: Db, input: CreatePerson, now = nowIso()): number {
  assertOrganisationExists(db, input.organisationId);
  assertLanguageExists(db, input.language);
  const roleIds = roleIdsOf(db, input.roles);
  if (findPersonIdByEmail(db, input.email) !== null)
    throw new RegisterConflict({ kind: 'emailTaken', email: input.email });
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO person (name, email, phone, title, organisation_id, is_fixed_contact, language, created_at, updated_at)
     VALUES (:name, :email, :phone, :title, :organisationId, :isFixedContact, :language, :now, :now)`,
  ).run({
    name: input.name,
    email: input.email,
    phone: input.phone ?? null,
    title: input.title ?? null,
    organisationId: input.organisationId,
    isFixedContact: input.isFixedContact ? 1 : 0,
    language: input.language,
    now,
  });
  const id = Number(lastInsertRowid);
  replaceRoles(db, id, roleIds);
  return id;
}

export function createPerson(db: Db, actor: Actor, input: CreatePerson): Person {
  return db.transaction(() => {
    const id = insertPerson(db, input);
    recordAudit(db, actor, { action: 'create', entity: 'person', entityId: id, changes: input });
    return getPerson(db, id);
  });
}

/** Applies changed fields; returns the audit diff (empty when nothing changed). The caller owns the transaction. */
export function applyPersonUpdate(
  db: Db,
  before: Person,
  input: Omit<UpdatePerson, 'version'>,
): Record<string, unknown> {
  if (input.organisationId !== undefined) assertOrganisationExists(db, input.organisationId);
  if (input.language !== undefined && input.language !== before.language)
    assertLanguageExists(db, input.language);
  if (
    input.email !== undefined &&
    input.email !== before.email &&
    findPersonIdByEmail(db, input.email) !== null
  )
    throw new RegisterConflict({ kind: 'emailTaken', email: input.email });
  const { roles, ...fields } = input;
  const flat = {
    name: before.name,
    email: before.email,
    phone: before.phone,
    title: before.title,
    organisationId: before.organisation.id,
    isFixedContact: before.isFixedContact,
    language: before.language,
  };
  const changes: Record<string, unknown> = diff(flat, fields);
  if (roles !== undefined) {
    const beforeKeys = before.roles.map((r) => r.key).sort();
    const afterKeys = [...new Set(roles)].sort();
    if (beforeKeys.join() !== afterKeys.join()) {
      replaceRoles(db, before.id, roleIdsOf(db, afterKeys));
      changes.roles = [beforeKeys, afterKeys];
    }
  }
  if (Object.keys(changes).length === 0) return changes;
  const next = { ...flat, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  prepared(
    db,
    `UPDATE person SET name = :name, email = :email, phone = :phone, title = :title, organisation_id = :organisationId,
       is_fixed_contact = :isFixedContact, language = :language, version = version + 1, updated_at = :now
     WHERE id = :id`,
  ).run({ ...next, isFixedContact: next.isFixedContact ? 1 : 0, now: nowIso(), id: before.id });
  return changes;
}

export function updatePerson(db: Db, actor: Actor, id: number, input: UpdatePerson): Person {
  return db.transaction(() => {
    const before = getPerson(db, id);
    assertVersion('Person', before.version, input.version);
    const { version: _v, ...fields } = input;
    const changes = applyPersonUpdate(db, before, fields);
    if (Object.keys(changes).length > 0)
      recordAudit(db, actor, { action: 'update', entity: 'person', entityId: id, changes });
    return getPerson(db, id);
  });
}

export function deletePerson(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = getPerson(db, id);
    prepared(db, 'DELETE FROM person WHERE id = ?').run(id);
    recordAudit(db, actor, { action: 'delete', entity: 'person', entityId: id, changes: before });
  });
}
