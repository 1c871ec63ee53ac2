import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest, conflict, notFound } from '../http/problems.ts';
import { textLanguages } from '../text/language.ts';
import { nowIso } from '../time.ts';
import {
  deleteLanguageRow,
  deleteOrganisationKindRow,
  deleteSectorRow,
  insertLanguage,
  insertOrganisationKind,
  insertSector,
  languageByCode,
  languageRows,
  organisationKindByKey,
  organisationKindRows,
  sectorByKey,
  sectorRows,
  updateLanguageRow,
  updateOrganisationKindRow,
  updateSectorRow,
  usesOfLanguage,
  usesOfOrganisationKind,
  usesOfSector,
} from './queries.ts';
import { type CatalogueName, CatalogueRowInUse } from './refusals.ts';
import type {
  CatalogueRow,
  CreateLanguage,
  CreateOrganisationKind,
  CreateSector,
  UpdateLanguage,
  UpdateOrganisationKind,
  UpdateSector,
} from './schemas.ts';

/**
 * The catalogues that used to be closed lists in code: languages, sectors and organisation kinds.
 * Admins add rows; a row in use cannot be deleted, and the refusal says what uses it.
 */

export const listLanguages = (db: Db) =>
  languageRows(db).map(({ code, name, textsFrom }) => ({ code, name, textsFrom }));
export const listSectors = (db: Db): CatalogueRow[] =>
  sectorRows(db).map(({ key, labels }) => ({ key, labels }));
export const listOrganisationKinds = (db: Db): CatalogueRow[] =>
  organisationKindRows(db).map(({ key, labels, sectorKey }) => ({ key, labels, sectorKey }));

/** Organisation kinds as a form's options, named in the reader's language (Danish, else the key). */
export function organisationKindOptions(db: Db, language = 'da'): { value: string; text: string }[] {
  return organisationKindRows(db).map(({ key, labels }) => ({
    value: key,
    text: labels[language] ?? labels.da ?? key,
  }));
}

/** What a programme's areas are called in the reader's language: the organisation kind's name, if the catalogue has it. */
export function areaKindLabel(db: Db, kind: string, language = 'da'): string | undefined {
  const labels = organisationKindRows(db).find((row) => row.key === kind)?.labels;
  return labels ? (labels[language] ?? labels.da ?? Object.values(labels)[0]) : undefined;
}

/** Refuses a key the catalogue does not hold, naming the field and what it does hold. */
export function assertOrganisationKind(db: Db, key: string, field = 'body.kind'): void {
  if (organisationKindByKey(db, key)) return;
  const known = organisationKindRows(db).map((k) => k.key);
  throw badRequest(`Unknown organisation kind "${key}"`, [
    {
      field,
      message: `no organisation kind ${key}; choose one of ${known.join(', ')} or add it in /api/organisation-kinds`,
    },
  ]);
}

export function assertSector(db: Db, key: string, field = 'body.side'): void {
  if (sectorByKey(db, key)) return;
  const known = sectorRows(db).map((k) => k.key);
  throw badRequest(`Unknown sector "${key}"`, [
    { field, message: `no sector ${key}; choose one of ${known.join(', ')} or add it in /api/sectors` },
  ]);
}

function refuseInUse(catalogue: CatalogueName, key: string, uses: Record<string, number>): void {
  if (Object.values(uses).some((n) => n > 0)) throw new CatalogueRowInUse(catalogue, key, uses);
}

function assertTextsFrom(textsFrom: string): void {
  if (!(textLanguages as readonly string[]).includes(textsFrom))
    throw badRequest(`No texts in ${textsFrom}; choose ${textLanguages.join(', ')}`, [
      { field: 'body.textsFrom', message: `one of ${textLanguages.join(', ')}` },
    ]);
}

export function createLanguage(db: Db, actor: Actor, input: z.infer<typeof CreateLanguage>) {
  return db.transaction(() => {
    assertTextsFrom(input.textsFrom);
    const now = nowIso();
    if (!insertLanguage(db, { ...input, createdAt: now, updatedAt: now }))
      throw conflict(`The language ${input.code} already exists`);
    recordAudit(db, actor, { action: 'create', entity: 'language', entityId: input.code, changes: input });
    return input;
  });
}

/** A language's name and the texts it reads change; a language with texts of its own keeps reading them. */
export function updateLanguage(db: Db, actor: Actor, code: string, input: z.infer<typeof UpdateLanguage>) {
  return db.transaction(() => {
    assertTextsFrom(input.textsFrom);
    if ((textLanguages as readonly string[]).includes(code) && input.textsFrom !== code)
      throw badRequest(`${code} has texts of its own`, [
        { field: 'body.textsFrom', message: `${code} reads its own texts` },
      ]);
    if (!updateLanguageRow(db, code, { ...input, updatedAt: nowIso() })) throw notFound('Language', code);
    recordAudit(db, actor, { action: 'update', entity: 'language', entityId: code, changes: input });
    return { code, ...input };
  });
}

export function deleteLanguage(db: Db, actor: Actor, code: string): void {
  db.transaction(() => {
    if (!languageByCode(db, code)) throw notFound('Language', code);
    refuseInUse('language', code, usesOfLanguage(db, code));
    deleteLanguageRow(db, code);
    recordAudit(db, actor, { action: 'delete', entity: 'language', entityId: code });
  });
}

export function createSector(db: Db, actor: Actor, input: z.infer<typeof CreateSector>): CatalogueRow {
  return db.transaction(() => {
    const now = nowIso();
    if (!insertSector(db, { ...input, createdAt: now, updatedAt: now }))
      throw conflict(`The sector ${input.key} already exists`);
    recordAudit(db, actor, { action: 'create', entity: 'sector', entityId: input.key, changes: input });
    return input;
  });
}

/** A sector's names change; what uses it keeps using it by its key. */
export function updateSector(
  db: Db,
  actor: Actor,
  key: string,
  input: z.infer<typeof UpdateSector>,
): CatalogueRow {
  return db.transaction(() => {
    if (!updateSectorRow(db, key, { labels: input.labels, updatedAt: nowIso() }))
      throw notFound('Sector', key);
    recordAudit(db, actor, { action: 'update', entity: 'sector', entityId: key, changes: input });
    return { key, labels: input.labels };
  });
}

export function deleteSector(db: Db, actor: Actor, key: string): void {
  db.transaction(() => {
    if (!sectorByKey(db, key)) throw notFound('Sector', key);
    refuseInUse('sector', key, usesOfSector(db, key));
    deleteSectorRow(db, key);
    recordAudit(db, actor, { action: 'delete', entity: 'sector', entityId: key });
  });
}

export function createOrganisationKind(
  db: Db,
  actor: Actor,
  input: z.infer<typeof CreateOrganisationKind>,
): CatalogueRow {
  return db.transaction(() => {
    if (input.sectorKey && !sectorByKey(db, input.sectorKey))
      throw badRequest(`No sector ${input.sectorKey}`, [
        { field: 'body.sectorKey', message: `no sector ${input.sectorKey} in the catalogue` },
      ]);
    const now = nowIso();
    if (!insertOrganisationKind(db, { ...input, createdAt: now, updatedAt: now }))
      throw conflict(`The organisation kind ${input.key} already exists`);
    recordAudit(db, actor, {
      action: 'create',
      entity: 'organisation_kind',
      entityId: input.key,
      changes: input,
    });
    return input;
  });
}

/** An organisation kind's names and sector change; organisations of the kind keep it. */
export function updateOrganisationKind(
  db: Db,
  actor: Actor,
  key: string,
  input: z.infer<typeof UpdateOrganisationKind>,
): CatalogueRow {
  return db.transaction(() => {
    if (input.sectorKey && !sectorByKey(db, input.sectorKey))
      throw badRequest(`No sector ${input.sectorKey}`, [
        { field: 'body.sectorKey', message: `no sector ${input.sectorKey} in the catalogue` },
      ]);
    if (!updateOrganisationKindRow(db, key, { ...input, updatedAt: nowIso() }))
      throw notFound('Organisation kind', key);
    recordAudit(db, actor, { action: 'update', entity: 'organisation_kind', entityId: key, changes: input });
    return { key, ...input };
  });
}

export function deleteOrganisationKind(db: Db, actor: Actor, key: string): void {
  db.transaction(() => {
    if (!organisationKindByKey(db, key)) throw notFound('Organisation kind', key);
    refuseInUse('organisationKind', key, usesOfOrganisationKind(db, key));
    deleteOrganisationKindRow(db, key);
    recordAudit(db, actor, { action: 'delete', entity: 'organisation_kind', entityId: key });
  });
}
