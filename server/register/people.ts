import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound } from '../http/problems.ts';
import { languageByCode, languageRows } from '../programmes/queries.ts';
import { nowIso } from '../time.ts';
import {
  deletePersonRow,
  insertPersonRoles,
  insertPersonRow,
  newPersonChecks,
  organisationExists,
  type PersonTuple,
  personCoverageTuples,
  personIdByEmail,
  personPage,
  personRoleTuples,
  personTuple,
  type RoleRefTuple,
  replacePersonCoverage,
  replacePersonRoles,
  roleRefByKey,
  updatePersonRow,
} from './queries/people.ts';
import { RegisterConflict } from './refusals.ts';
import type { CreatePerson, Person, PersonQuery, UpdatePerson } from './schemas.ts';

type PersonRow = PersonTuple;

type PersonRoleRef = Person['roles'][number];

function rolesOf(db: Db, personIds: number[]): Map<number, PersonRoleRef[]> {
  const byPerson = new Map<number, PersonRoleRef[]>(personIds.map((id) => [id, []]));
  const rows = personRoleTuples(db, personIds);
  for (const [personId, key, name, level] of rows) byPerson.get(personId)?.push({ key, name, level });
  return byPerson;
}

function coverageOf(db: Db, personIds: number[]): Map<number, number[]> {
  const byPerson = new Map<number, number[]>();
  for (const [personId, organisationId] of personCoverageTuples(db, personIds))
    byPerson.set(personId, [...(byPerson.get(personId) ?? []), organisationId]);
  return byPerson;
}

function withRoles(db: Db, rows: PersonRow[]): Person[] {
  const ids = rows.map((r) => r[0]);
  const roles = rolesOf(db, ids);
  const covers = coverageOf(db, ids);
  return rows.map((row) => toPerson(row, roles.get(row[0]) ?? [], covers.get(row[0]) ?? []));
}

function toPerson(row: PersonRow, roles: PersonRoleRef[], covers: number[]): Person {
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
    covers,
    isFixedContact: isFixedContact === 1,
    language,
    version,
    createdAt,
    updatedAt,
  };
}

/** `programmes`: the caller's scope (scopeParam), null for all. */
export function listPeople(db: Db, query: PersonQuery, programmes: string | null) {
  const params = {
    programmes,
    organisation: query.organisation ?? null,
    role: query.role ?? null,
    district: query.district ?? null,
    q: query.q ? `%${query.q.replace(/[%_]/g, '')}%` : null,
  };
  const { rows, total } = personPage(db, params, query);
  return { items: withRoles(db, rows), total, limit: query.limit, offset: query.offset };
}

export function findPerson(db: Db, id: number): Person | null {
  const row = personTuple(db, id);
  return row ? withRoles(db, [row])[0]! : null;
}

export function getPerson(db: Db, id: number): Person {
  const found = findPerson(db, id);
  if (!found) throw notFound('Person', id);
  return found;
}

export function findPersonIdByEmail(db: Db, email: string): number | null {
  return personIdByEmail(db, email.toLowerCase()) ?? null;
}

/** Role keys → ids, in catalogue order; an unknown key is the client's mistake, named in the error. */
export function roleIdsOf(db: Db, keys: string[], field = 'body.roles'): number[] {
  return roleRefsOf(db, keys, field).map(([id]) => id);
}

export function assertOrganisationExists(db: Db, id: number, field = 'body.organisationId'): void {
  if (!organisationExists(db, id)) refuseUnknownOrganisation(id, field);
}

function refuseUnknownOrganisation(id: number, field = 'body.organisationId'): never {
  throw badRequest(`Organisation ${id} does not exist`, [{ field, message: 'unknown organisation' }]);
}

/** A person reads one of the languages in the catalogue (`/api/languages`); anything else is the client's mistake. */
export function assertLanguageExists(db: Db, code: string, field = 'body.language'): void {
  if (!languageByCode(db, code)) refuseUnknownLanguage(db, code, field);
}

function refuseUnknownLanguage(db: Db, code: string, field = 'body.language'): never {
  const known = languageRows(db).map((l) => l.code);
  throw badRequest(`Unknown language "${code}"`, [
    { field, message: `no language ${code} in the catalogue; choose one of ${known.join(', ')}` },
  ]);
}

/** Inserts one person; the caller owns the transaction and the audit record. */
export function insertPerson(db: Db, input: CreatePerson, now = nowIso()): number {
  return insertPersonAsStored(db, input, now).id;
}

/**
 * Inserts one person and returns them as stored, made from the inserted row and the organisation and
 * roles the checks read, not read back (three statements less a creation). Every check runs before
 * the first write, so a refused person has written nothing. The caller owns the transaction.
 */
function insertPersonAsStored(db: Db, input: CreatePerson, now: string): Person {
  // refused in this order: organisation, language, roles, email, covered organisations
  const [organisationId, kind, organisationName, code, languageKnown, emailTakenBy] = newPersonChecks(db, {
    organisationId: input.organisationId,
    language: input.language,
    email: input.email.toLowerCase(),
  });
  if (organisationId === null) refuseUnknownOrganisation(input.organisationId);
  if (!languageKnown) refuseUnknownLanguage(db, input.language);
  const roles = roleRefsOf(db, input.roles);
  if (emailTakenBy !== null) throw new RegisterConflict({ kind: 'emailTaken', email: input.email });
  const covers = input.covers?.length ? coveredOrganisations(db, input.covers) : [];
  const row = insertPersonRow(
    db,
    {
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      title: input.title ?? null,
      organisationId: input.organisationId,
      isFixedContact: input.isFixedContact,
      language: input.language,
    },
    now,
  );
  const id = row[0];
  insertPersonRoles(
    db,
    id,
    roles.map((r) => r[0]),
  );
  if (covers.length) replacePersonCoverage(db, id, covers);
  // as personTuple and rolesOf read them: roles in catalogue order
  return toPerson(
    [...row, organisationId, kind!, organisationName!, code],
    roles.map(([, key, name, level]) => ({ key, name, level })),
    covers,
  );
}

/** The roles of these keys with what a reply shows of each, in catalogue (id) order. */
function roleRefsOf(db: Db, keys: string[], field = 'body.roles'): RoleRefTuple[] {
  return [...new Set(keys)]
    .map((key) => {
      const role = roleRefByKey(db, key);
      if (role === undefined)
        throw badRequest(`Unknown role "${key}"`, [{ field, message: `unknown role ${key}` }]);
      return role;
    })
    .sort((a, b) => a[0] - b[0]);
}

/** The organisations a person is to cover, each checked to exist (400 naming body.covers). */
function coveredOrganisations(db: Db, ids: number[]): number[] {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  for (const id of unique) assertOrganisationExists(db, id, 'body.covers');
  return unique;
}

export function createPerson(db: Db, actor: Actor, input: CreatePerson): Person {
  return db.transaction(() => {
    const person = insertPersonAsStored(db, input, nowIso());
    recordAudit(db, actor, { action: 'create', entity: 'person', entityId: person.id, changes: input });
    return person;
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
  const { roles, covers, ...fields } = input;
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
      replacePersonRoles(db, before.id, roleIdsOf(db, afterKeys));
      changes.roles = [beforeKeys, afterKeys];
    }
  }
  if (covers !== undefined) {
    const after = coveredOrganisations(db, covers);
    if (before.covers.join() !== after.join()) {
      replacePersonCoverage(db, before.id, after);
      changes.covers = [before.covers, after];
    }
  }
  if (Object.keys(changes).length === 0) return changes;
  const next = { ...flat, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  updatePersonRow(db, before.id, next, nowIso());
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
    deletePersonRow(db, id);
    recordAudit(db, actor, { action: 'delete', entity: 'person', entityId: id, changes: before });
  });
}
