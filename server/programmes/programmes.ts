import type { Db } from '../../db/client.ts';
import { mayRead } from '../accounts/access.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, conflict, type FieldError, notFound } from '../http/problems.ts';
import { dateHolidays } from '../planning/days.ts';
import { listRoles } from '../register/roles.ts';
import { type Language, languageOr } from '../text/language.ts';
import { nowIso } from '../time.ts';
import {
  areasOfKindCount,
  assignUnclaimedAreas,
  insertProgramme,
  languageByCode,
  organisationExists,
  type ProgrammeRow,
  programmeByAreaKind,
  programmeById,
  programmeByKey,
  programmeRows,
  roleKeysThatExist,
  sectorByKey,
  taxonomyKeysInUse,
  updateProgrammeRow,
  usesOfProgramme,
} from './queries.ts';
import {
  type CreateProgramme,
  type Programme,
  ProgrammeSettings,
  type Taxonomy,
  type TaxonomyEntry,
  type UpdateProgramme,
} from './schemas.ts';

export type { ProgrammeRow, Taxonomy };

/** The programme every existing URL means when it names none: the Danish politikredsmøder. */
export const DANISH_PROGRAMME_KEY = 'dk-politikredsmoeder';

export function toProgramme(row: ProgrammeRow): Programme {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    ownerOrganisationId: row.ownerOrganisationId,
    language: row.languageCode,
    holidayCountry: row.holidayCountry,
    holidayRegion: row.holidayRegion,
    timeZone: row.timeZone,
    areaKind: row.areaKind,
    titlePattern: row.titlePattern,
    signature: row.signature,
    replyAddress: row.replyAddress,
    settings: ProgrammeSettings.parse(row.settings),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const listProgrammes = (db: Db): Programme[] => programmeRows(db).map(toProgramme);

/**
 * The programmes an account works in, oldest first: what the pages' programme switcher offers (an
 * admin: all of them). Before sign-in, the pages' frame names the programmes without offering them.
 */
export const programmesForAccount = (db: Db, account: Actor | null): ProgrammeRow[] =>
  programmeRows(db).filter((p) => !account || mayRead(account, p.id));

export function findProgramme(db: Db, key: string): ProgrammeRow {
  const row = programmeByKey(db, key);
  if (!row) throw notFound('Programme', key);
  return row;
}

/** A programme by key, or undefined; for callers that refuse an unknown one in their own words. */
export const programmeNamed = (db: Db, key: string): ProgrammeRow | undefined => programmeByKey(db, key);

/** The programme that convenes areas of this kind (the oldest when several do). */
export const programmeOfAreaKind = (db: Db, kind: string): ProgrammeRow | undefined =>
  programmeByAreaKind(db, kind);

/** Whether the programme keeps each member organisation in one of its areas only. */
export function membershipIsExclusive(db: Db, programmeId: number | null): boolean {
  const row = programmeId === null ? undefined : programmeById(db, programmeId);
  return row ? ProgrammeSettings.parse(row.settings).exclusiveMembership : false;
}

export const getProgramme = (db: Db, key: string): Programme => toProgramme(findProgramme(db, key));

/**
 * The programme an area's meetings and outcomes belong to: the area's own, else the one convening
 * its kind, else the Danish programme (what every area meant before programmes were data).
 */
export function programmeForArea(db: Db, area: { programmeId: number | null; kind: string }): ProgrammeRow {
  const row =
    (area.programmeId !== null ? programmeById(db, area.programmeId) : undefined) ??
    programmeByAreaKind(db, area.kind) ??
    programmeByKey(db, DANISH_PROGRAMME_KEY);
  if (!row) throw notFound('Programme', DANISH_PROGRAMME_KEY);
  return row;
}

/** The catalogue a programme's words are in: its language's texts (nn reads nb), Danish when unknown. */
export const programmeTextLanguage = (db: Db, row: ProgrammeRow): Language =>
  languageOr(languageByCode(db, row.languageCode)?.textsFrom ?? row.languageCode);

/**
 * The role keys a programme's audience rules add up to (a role matches a rule when it is of the
 * rule's sector, level and keys, where the rule names them); null when it has no rules, so the
 * default audience applies.
 */
export function audienceRoleKeysOf(db: Db, row: ProgrammeRow): string[] | null {
  const rules = ProgrammeSettings.parse(row.settings).audience;
  if (rules.length === 0) return null;
  return listRoles(db)
    .filter((role) =>
      rules.some(
        (rule) =>
          (!rule.sector || rule.sector === role.side) &&
          (!rule.level || rule.level === role.level) &&
          (!rule.roleKeys || rule.roleKeys.includes(role.key)),
      ),
    )
    .map((role) => role.key);
}

export const taxonomyOf = (row: ProgrammeRow): Taxonomy => ProgrammeSettings.parse(row.settings).taxonomy;

/** A taxonomy entry's name in the reader's language; else Danish, else its first name, else its key. */
export function taxonomyLabel(entries: readonly TaxonomyEntry[], key: string, lang: string): string {
  const labels = entries.find((e) => e.key === key)?.labels;
  if (!labels) return key;
  return labels[lang] ?? labels.da ?? Object.values(labels)[0] ?? key;
}

/** Countries date-holidays knows, with their regions: what a programme's holiday calendar may name. */
function holidayFaults(country: string | undefined, region: string | null | undefined): FieldError[] {
  if (country === undefined) return [];
  const Holidays = dateHolidays();
  const holidays = new Holidays();
  if (!holidays.getCountries()?.[country])
    return [{ field: 'body.holidayCountry', message: `no public holiday calendar for country ${country}` }];
  if (region && !holidays.getStates(country)?.[region])
    return [{ field: 'body.holidayRegion', message: `${country} has no holiday region ${region}` }];
  return [];
}

/** What the schema cannot check: rows the programme names must exist in the catalogues and register. */
function programmeFaults(db: Db, input: Partial<CreateProgramme>, current?: ProgrammeRow): FieldError[] {
  const faults = holidayFaults(
    input.holidayCountry ?? (input.holidayRegion ? current?.holidayCountry : undefined),
    input.holidayRegion,
  );
  if (input.language && !languageByCode(db, input.language))
    faults.push({ field: 'body.language', message: `no language ${input.language} in the catalogue` });
  if (input.ownerOrganisationId && !organisationExists(db, input.ownerOrganisationId))
    faults.push({
      field: 'body.ownerOrganisationId',
      message: `no organisation ${input.ownerOrganisationId}`,
    });
  if (input.areaKind && areasOfKindCount(db, input.areaKind) === 0)
    faults.push({
      field: 'body.areaKind',
      message: `no convening area of kind ${input.areaKind}: create the areas first`,
    });
  input.settings?.audience.forEach((rule, i) => {
    if (rule.sector && !sectorByKey(db, rule.sector))
      faults.push({ field: `body.settings.audience.${i}.sector`, message: `no sector ${rule.sector}` });
    const known = new Set(roleKeysThatExist(db, rule.roleKeys ?? []));
    for (const key of rule.roleKeys ?? [])
      if (!known.has(key))
        faults.push({
          field: `body.settings.audience.${i}.roleKeys`,
          message: `no role ${key} in the catalogue`,
        });
  });
  return faults;
}

/** Keys the new taxonomy drops that recorded outcomes still use: the outcomes would lose their kind. */
function taxonomyKeysTakenInUse(db: Db, before: ProgrammeRow, next: Taxonomy): FieldError[] {
  const kept = taxonomyOf(before);
  const uses = taxonomyKeysInUse(db, before.id);
  return (['agreementTypes', 'barrierCategories', 'forumLevels'] as const).flatMap((list) => {
    const remaining = new Set(next[list].map((e) => e.key));
    return kept[list]
      .filter((e) => !remaining.has(e.key) && (uses[list].get(e.key) ?? 0) > 0)
      .map((e) => ({
        field: `body.settings.taxonomy.${list}`,
        message: `in use: ${e.key} is used by ${uses[list].get(e.key)} recorded outcome(s) and stays`,
      }));
  });
}

function refuseFaults(faults: FieldError[]): void {
  if (faults.length) throw badRequest(faults.map((f) => f.message).join('; '), faults);
}

/**
 * A new programme. Areas of its kind that no programme holds yet join it, so a programme set up
 * over existing areas plans them at once.
 */
export function createProgramme(db: Db, actor: Actor, input: CreateProgramme): Programme {
  return db.transaction(() => {
    refuseFaults(programmeFaults(db, input));
    if (programmeByKey(db, input.key)) throw conflict(`A programme with key ${input.key} already exists`);
    const now = nowIso();
    const { language, ...fields } = input;
    const row = insertProgramme(db, {
      ...fields,
      languageCode: language,
      createdAt: now,
      updatedAt: now,
      editedAt: now,
    });
    const areas = assignUnclaimedAreas(db, row.id, row.areaKind);
    recordAudit(db, actor, {
      action: 'create',
      entity: 'programme',
      entityId: row.id,
      changes: { ...input, areasJoined: areas },
    });
    return toProgramme(row);
  });
}

export function updateProgramme(db: Db, actor: Actor, key: string, input: UpdateProgramme): Programme {
  return db.transaction(() => {
    const before = findProgramme(db, key);
    assertVersion('Programme', before.version, input.version);
    refuseFaults(programmeFaults(db, input, before));
    if (input.settings) refuseFaults(taxonomyKeysTakenInUse(db, before, input.settings.taxonomy));
    const { version: _v, language, ...fields } = input;
    const next = { ...fields, ...(language ? { languageCode: language } : {}) };
    if (next.areaKind && next.areaKind !== before.areaKind) {
      const uses = usesOfProgramme(db, before.id);
      if (uses.cycles > 0)
        throw conflict(
          `The programme has ${uses.cycles} planned cycle(s) over ${before.areaKind}; its area kind stays`,
        );
    }
    const changes = diff(before as unknown as Record<string, unknown>, next);
    if (Object.keys(changes).length === 0) return toProgramme(before);
    const now = nowIso();
    const row = updateProgrammeRow(db, before.id, {
      ...next,
      version: before.version + 1,
      updatedAt: now,
      editedAt: now,
    });
    recordAudit(db, actor, { action: 'update', entity: 'programme', entityId: before.id, changes });
    return toProgramme(row);
  });
}
