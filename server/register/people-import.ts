import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { undone } from '../../db/statements.ts';
import { mayAccessRecord } from '../accounts/access.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { HttpProblem } from '../http/problems.ts';
import { languageByCode } from '../programmes/queries.ts';
import { applyPersonUpdate, findPersonIdByEmail, getPerson, insertPerson } from './people.ts';
import { organisationIdByCode, organisationIdsNamed, roleKeyMatching } from './queries/people.ts';
import { CreatePerson, OrganisationRef, PersonRole } from './schemas.ts';

/** A contact list with row errors: nothing is imported, and each bad row is named. */
export class ImportRefused extends HttpProblem {
  constructor(readonly errors: ImportRowError[]) {
    super(422, 'Unprocessable Content', `${errors.length} row error(s); nothing was imported`, undefined, {
      errors,
    });
  }
}

export const ImportRowError = z.object({
  line: z.number().int(),
  field: z.string().optional(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** What happened (or, in a dry run, would happen) to one good row. */
export const ImportRowOutcome = z.object({
  line: z.number().int(),
  name: z.string(),
  email: z.string(),
  outcome: z.enum(['create', 'update', 'unchanged']),
  /** The organisation and roles the row resolved to, so a preview shows what will be saved. */
  organisation: OrganisationRef,
  roles: z.array(PersonRole),
});
export type ImportRowOutcome = z.infer<typeof ImportRowOutcome>;

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(ImportRowError),
    /** The good rows in file order, so a preview can be shown row by row. */
    outcomes: z.array(ImportRowOutcome),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

/** Column headings we accept, Danish first; compared lower-case without spaces, dashes or underscores. */
const COLUMNS: Record<string, keyof ImportFields> = {
  navn: 'name',
  name: 'name',
  email: 'email',
  epost: 'email',
  mail: 'email',
  telefon: 'phone',
  tlf: 'phone',
  phone: 'phone',
  titel: 'title',
  stilling: 'title',
  title: 'title',
  organisation: 'organisation',
  myndighed: 'organisation',
  kommune: 'organisation',
  organisationkode: 'organisation',
  organization: 'organisation',
  roller: 'roles',
  rolle: 'roles',
  roles: 'roles',
  role: 'roles',
  fastkontaktperson: 'fixedContact',
  kontaktperson: 'fixedContact',
  fixedcontact: 'fixedContact',
  sprog: 'language',
  language: 'language',
};

interface ImportFields {
  name: string;
  email: string;
  phone: string;
  title: string;
  organisation: string;
  roles: string;
  fixedContact: string;
  language: string;
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'sand']);
const NO = new Set(['nej', 'n', 'no', '0', 'false', 'falsk', '']);

function detectDelimiter(text: string): ';' | ',' {
  const header = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function resolveOrganisation(db: Db, value: string): number | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const byCode = organisationIdByCode(db, v);
    if (byCode !== undefined) return byCode;
  }
  const name = v.replace(/\s+kommune$/i, '');
  const byName = organisationIdsNamed(db, v, name);
  return byName.length === 1 ? byName[0]! : null;
}

function resolveRoles(db: Db, value: string): { keys: string[]; unknown: string[] } {
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const part of value
    .split(/[|,/]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const key = roleKeyMatching(db, part);
    if (key !== undefined) keys.push(key);
    else unknown.push(part);
  }
  return { keys, unknown };
}

interface ParsedRow {
  line: number;
  person: CreatePerson;
  /** The organisation as the file names it. */
  organisationText: string;
}

/** Reads the CSV and checks every row; nothing is written. */
type CsvRecord = { record: Record<string, string>; info: { lines: number } };

/** The file's records under their field names, or why it is not readable CSV. */
function parseCsv(csv: string): { records: CsvRecord[] } | { error: ImportRowError } {
  try {
    const records: CsvRecord[] = parse(csv, {
      delimiter: detectDelimiter(csv),
      bom: true,
      columns: (header: string[]) =>
        header.map((h) => COLUMNS[h.toLowerCase().replace(/[\s_-]/g, '')] ?? `unknown:${h}`),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
    });
    return { records };
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { error: { line, reason: `The file is not readable CSV: ${(err as Error).message}` } };
  }
}

/** One line checked against the register: the person to save, or what is wrong with it. */
function readRow(
  db: Db,
  line: number,
  f: Partial<ImportFields>,
  seenEmails: Map<string, number>,
): { row: ParsedRow } | { errors: ImportRowError[] } {
  const rowErrors: ImportRowError[] = [];
  const organisationId = f.organisation ? resolveOrganisation(db, f.organisation) : null;
  if (!f.organisation) rowErrors.push({ line, field: 'organisation', reason: 'organisation is empty' });
  else if (organisationId === null)
    rowErrors.push({
      line,
      field: 'organisation',
      reason: `no single organisation matches "${f.organisation}"`,
    });
  const { keys, unknown } = resolveRoles(db, f.roles ?? '');
  for (const u of unknown) rowErrors.push({ line, field: 'roles', reason: `unknown role "${u}"` });
  const fixed = (f.fixedContact ?? '').toLowerCase();
  if (!YES.has(fixed) && !NO.has(fixed))
    rowErrors.push({ line, field: 'fixedContact', reason: `"${f.fixedContact}" is not ja/nej` });
  const language = (f.language || 'da').toLowerCase();
  if (/^[a-z]{2,3}$/.test(language) && !languageByCode(db, language))
    rowErrors.push({ line, field: 'language', reason: `no language "${f.language}" in the catalogue` });

  const candidate = CreatePerson.safeParse({
    name: f.name ?? '',
    email: f.email ?? '',
    phone: f.phone || null,
    title: f.title || null,
    organisationId: organisationId ?? 1,
    roles: keys,
    isFixedContact: YES.has(fixed),
    language,
  });
  if (!candidate.success) {
    for (const issue of candidate.error.issues)
      rowErrors.push({ line, field: String(issue.path[0]), reason: issue.message });
    return { errors: rowErrors };
  }
  const earlier = seenEmails.get(candidate.data.email);
  if (earlier) rowErrors.push({ line, field: 'email', reason: `the same email as line ${earlier}` });
  seenEmails.set(candidate.data.email, line);
  return rowErrors.length
    ? { errors: rowErrors }
    : { row: { line, person: candidate.data, organisationText: f.organisation ?? '' } };
}

function readRows(db: Db, csv: string): { rows: ParsedRow[]; errors: ImportRowError[]; total: number } {
  const parsed = parseCsv(csv);
  if ('error' in parsed) return { rows: [], errors: [parsed.error], total: 0 };
  const { records } = parsed;
  const errors: ImportRowError[] = [];
  const rows: ParsedRow[] = [];
  const first = records[0]?.record ?? {};
  for (const required of ['name', 'email', 'organisation'] as const) {
    if (records.length > 0 && !(required in first))
      errors.push({
        line: 1,
        field: required,
        reason: `The column "${required}" is missing (expected e.g. navn, email, organisation)`,
      });
  }
  if (errors.length) return { rows, errors, total: records.length };

  const seenEmails = new Map<string, number>();
  for (const { record, info } of records) {
    const read = readRow(db, info.lines, record as Partial<ImportFields>, seenEmails);
    if ('row' in read) rows.push(read.row);
    else errors.push(...read.errors);
  }
  return { rows, errors, total: records.length };
}

/**
 * The rows an account may write: a contact of an organisation of another programme is refused as if
 * the organisation were unknown, and an email that is another programme's contact cannot be updated.
 */
function withinScope(
  db: Db,
  actor: Actor,
  rows: ParsedRow[],
  errors: ImportRowError[],
): { rows: ParsedRow[]; errors: ImportRowError[] } {
  if (actor.programmes === 'all') return { rows, errors };
  const kept: ParsedRow[] = [];
  const refused = [...errors];
  for (const row of rows) {
    const existing = findPersonIdByEmail(db, row.person.email);
    if (!mayAccessRecord(db, actor, 'organisation', row.person.organisationId, 'write'))
      refused.push({
        line: row.line,
        field: 'organisation',
        reason: `no single organisation matches "${row.organisationText}"`,
      });
    else if (existing !== null && !mayAccessRecord(db, actor, 'person', existing, 'write'))
      refused.push({
        line: row.line,
        field: 'email',
        reason: 'the email is a contact your account cannot change',
      });
    else kept.push(row);
  }
  refused.sort((a, b) => a.line - b.line);
  return { rows: kept, errors: refused };
}

/** Writes the rows (creates or updates by email) and counts what happened to each. */
function applyRows(db: Db, rows: ParsedRow[], report: ImportReport): void {
  report.outcomes = [];
  for (const { line, person } of rows) {
    let id = findPersonIdByEmail(db, person.email);
    let outcome: ImportRowOutcome['outcome'];
    if (id === null) {
      id = insertPerson(db, person);
      outcome = 'create';
      report.created++;
    } else {
      const changes = applyPersonUpdate(db, getPerson(db, id), person);
      outcome = Object.keys(changes).length ? 'update' : 'unchanged';
      if (outcome === 'update') report.updated++;
      else report.unchanged++;
    }
    const saved = getPerson(db, id);
    report.outcomes.push({
      line,
      name: person.name,
      email: person.email,
      outcome,
      organisation: saved.organisation,
      roles: saved.roles,
    });
  }
}

/**
 * Imports contact persons from CSV, matched by email. A dry run only reports; a real import writes
 * every row or, if any row is bad, none.
 */
export function importPeople(db: Db, actor: Actor, csv: string, dryRun: boolean): ImportReport {
  const read = readRows(db, csv);
  const { total } = read;
  const { rows, errors } = withinScope(db, actor, read.rows, read.errors);
  const report: ImportReport = {
    dryRun,
    rows: total,
    created: 0,
    updated: 0,
    unchanged: 0,
    errors,
    outcomes: [],
  };
  if (total === 0 && errors.length === 0) errors.push({ line: 1, reason: 'The file has no data rows' });

  if (dryRun) {
    // count what would happen by running the same writes, then undo them
    undone(db, () => applyRows(db, rows, report));
    return report;
  }
  if (errors.length) {
    throw new ImportRefused(errors);
  }
  db.transaction(() => {
    applyRows(db, rows, report);
    recordAudit(db, actor, {
      action: 'import',
      entity: 'person',
      changes: { rows: total, created: report.created, updated: report.updated },
    });
  });
  return report;
}
