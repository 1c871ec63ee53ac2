import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { type FieldError, HttpProblem } from '../http/problems.ts';
import { createTheme } from '../outcomes/themes.ts';
import { createArea } from '../register/areas.ts';
import { createOrganisation, organisationWithCode } from '../register/organisations.ts';
import { createPerson } from '../register/people.ts';
import { RegisterConflict } from '../register/refusals.ts';
import { createRole, roleWithKey } from '../register/roles.ts';
import { createOrganisationKind, createSector } from './catalogues.ts';
import { ProgrammeFile, type ProgrammeLoadReport } from './file-schemas.ts';
import { createProgramme, programmeNamed } from './programmes.ts';
import { organisationKindByKey, sectorByKey } from './queries.ts';
import { ProgrammeFileRefusal } from './refusals.ts';

/**
 * Loads a programme file (file-schemas.ts) in one transaction: everything or nothing. Each record
 * goes through the same domain function the API uses, so the same checks apply; a refusal names
 * the field of the file at fault (`people.3.roles`), after `prefix` (`body.` for the API).
 *
 * Loading is not repeated: a file whose programme key is already loaded is refused (409) with
 * nothing changed. Shared rows are used as they are: catalogue rows whose key exists and
 * organisations of the same kind and code (a municipality two programmes meet).
 */
export function loadProgrammeFile(db: Db, actor: Actor, input: unknown, prefix = ''): ProgrammeLoadReport {
  const parsed = ProgrammeFile.safeParse(input);
  if (!parsed.success)
    throw new ProgrammeFileRefusal({
      kind: 'invalid',
      fields: parsed.error.issues.map((issue) => ({
        field: prefix + (issue.path.join('.') || '(file)'),
        message: issue.message,
      })),
    });
  const file = parsed.data;
  return db.transaction(() => {
    if (programmeNamed(db, file.programme.key))
      throw new ProgrammeFileRefusal({ kind: 'alreadyLoaded', key: file.programme.key });
    const step = stepper(prefix);
    const report = emptyReport();
    loadCatalogues(db, actor, file, step, report);
    const ids = loadOrganisations(db, actor, file, step, report);
    const id = (ref: string) => ids.get(ref)!;
    for (const [i, a] of file.areas.entries())
      step(`areas.${i}`, () =>
        createArea(db, actor, {
          name: a.name,
          kind: file.programme.areaKind,
          convenerId: id(a.convener),
          members: a.members.map((m) => ({ ...m, organisationId: id(m.organisation) })),
        }),
      );
    report.created.areas = file.areas.length;
    const { owner, ...programme } = file.programme;
    const created = step('programme', () =>
      createProgramme(db, actor, { ...programme, ownerOrganisationId: owner ? id(owner) : null }),
    );
    report.programme = { id: created.id, key: created.key, name: created.name };
    for (const [i, theme] of file.themes.entries())
      step(`themes.${i}`, () => createTheme(db, actor, theme, created.id));
    report.created.themes = file.themes.length;
    for (const [i, { organisation, covers, language, ...person }] of file.people.entries())
      step(`people.${i}`, () =>
        createPerson(db, actor, {
          ...person,
          language: language ?? programme.language,
          organisationId: id(organisation),
          covers: covers.map(id),
        }),
      );
    report.created.people = file.people.length;
    return report;
  });
}

type Step = <T>(path: string, work: () => T) => T;

/** Runs one record's domain call; a refusal it raises is re-said as the file's field at `path`. */
function stepper(prefix: string): Step {
  return (path, work) => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      const fields: FieldError[] = error.fields?.length
        ? error.fields.map((f) => ({
            field: prefix + f.field.replace(/^body\.?/, `${path}.`),
            message: f.message,
          }))
        : [{ field: prefix + path, message: error.message }];
      throw new ProgrammeFileRefusal(
        { kind: 'invalid', fields, ...(error instanceof RegisterConflict ? { clash: error.clash } : {}) },
        error.status === 409 ? 409 : 400,
      );
    }
  };
}

function emptyReport(): ProgrammeLoadReport {
  const none = { sectors: 0, organisationKinds: 0, roles: 0 };
  return {
    programme: { id: 0, key: '', name: '' },
    created: { ...none, themes: 0, organisations: 0, areas: 0, people: 0 },
    reused: { ...none, organisations: 0 },
  };
}

/** Sectors, organisation kinds and roles the file needs; a key the catalogue holds is used as it is. */
function loadCatalogues(db: Db, actor: Actor, file: ProgrammeFile, step: Step, report: ProgrammeLoadReport) {
  const { created, reused } = report;
  for (const [i, sector] of file.catalogues.sectors.entries()) {
    if (sectorByKey(db, sector.key)) reused.sectors++;
    else {
      step(`catalogues.sectors.${i}`, () => createSector(db, actor, sector));
      created.sectors++;
    }
  }
  for (const [i, kind] of file.catalogues.organisationKinds.entries()) {
    if (organisationKindByKey(db, kind.key)) reused.organisationKinds++;
    else {
      step(`catalogues.organisationKinds.${i}`, () => createOrganisationKind(db, actor, kind));
      created.organisationKinds++;
    }
  }
  for (const [i, role] of file.catalogues.roles.entries()) {
    if (roleWithKey(db, role.key)) reused.roles++;
    else {
      step(`catalogues.roles.${i}`, () => createRole(db, actor, role));
      created.roles++;
    }
  }
}

/** The file's organisations by ref: created, or the register's own of the same kind and code. */
function loadOrganisations(
  db: Db,
  actor: Actor,
  file: ProgrammeFile,
  step: Step,
  report: ProgrammeLoadReport,
): Map<string, number> {
  const ids = new Map<string, number>();
  for (const [i, { ref, parent, ...organisation }] of file.organisations.entries()) {
    const existing = organisation.code
      ? organisationWithCode(db, organisation.kind, organisation.code)
      : undefined;
    if (existing !== undefined) {
      ids.set(ref, existing);
      report.reused.organisations++;
      continue;
    }
    const row = step(`organisations.${i}`, () =>
      createOrganisation(db, actor, { ...organisation, parentId: parent ? ids.get(parent)! : null }),
    );
    ids.set(ref, row.id);
    report.created.organisations++;
  }
  return ids;
}
