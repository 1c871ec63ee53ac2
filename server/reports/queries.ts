import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.ts';
import type { AgreementStatus } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { BarrierLine } from './data.ts';
import type { DistrictMeetingLine, DistrictOutcomes, DistrictYearRow } from './status.ts';

/**
 * The reports' and status pages' SQL in one place, each query returning typed rows: reads across
 * planning, invitations and outcomes, aggregated in SQL so a national report is a few statements.
 */

/** A report's area: its convener (a police district, in the Danish programme) and its members. */
export interface ReportDistrictRow {
  id: number;
  /** The convener's code; '' where it has none. */
  code: string;
  /** The police district's name; another programme's area by its own name. */
  name: string;
  areaId: number;
  municipalityCount: number;
}

/** Which areas a report covers: a programme's (its own, and unclaimed ones of its kind). */
export interface ReportScope {
  programmeId: number;
  areaKind: string;
}

/** The areas (as `alias`) of the report's programme: what both the sections and the agreement lines take. */
const programmeArea = (alias: string) =>
  `(${alias}.programme_id = :programmeId OR (${alias}.programme_id IS NULL AND ${alias}.kind = :areaKind))`;

/** A district's mapping as stored: the lists still JSON text. */
export interface StoredMappingRow {
  forumLevel: string;
  strengths: string;
  challenges: string;
  wishes: string;
  notes: string | null;
}

export interface AgreementCountRow {
  type: string;
  status: AgreementStatus;
  count: number;
}

export interface AreaCountRow {
  areaId: number;
  n: number;
}

const yearEnd = (year: number) => `${year}-12-31`;
/** Agreements count for a year when they were agreed (or, undated, created) by its end. */
const AGREEMENT_START = `coalesce(a.agreed_on, substr(a.created_at, 1, 10))`;

// ---- the agreements report

export function reportDistricts(db: Db, scope: ReportScope, district: string | null): ReportDistrictRow[] {
  return prepared<ReportDistrictRow>(
    db,
    `SELECT o.id, coalesce(o.code, '') AS code, CASE WHEN a.kind = 'police_district' THEN o.name ELSE a.name END AS name,
            a.id AS areaId,
            (SELECT count(*) FROM area_member m WHERE m.area_id = a.id AND m.member_role = 'member') AS municipalityCount
     FROM area a JOIN organisation o ON o.id = a.convener_id
     WHERE ${programmeArea('a')} AND (a.kind <> 'police_district' OR o.kind = 'police_district')
       AND (:district IS NULL OR o.code = :district)
     ORDER BY o.code, name, a.id`,
  ).all({ ...scope, district });
}

/** The year's meeting of the area: the last one not cancelled. */
export function meetingIdOfYear(db: Db, areaId: number, year: number): number | undefined {
  return prepared<{ id: number }>(
    db,
    `SELECT id FROM meeting WHERE area_id = ? AND substr(starts_at, 1, 4) = ? AND status <> 'cancelled'
     ORDER BY starts_at DESC LIMIT 1`,
  ).get(areaId, String(year))?.id;
}

export function hasAttendanceSheet(db: Db, meetingId: number): boolean {
  return (
    prepared(db, 'SELECT 1 AS one FROM attendance_sheet WHERE meeting_id = ?').get(meetingId) !== undefined
  );
}

export function storedMapping(db: Db, areaId: number, year: number): StoredMappingRow | undefined {
  return prepared<StoredMappingRow>(
    db,
    `SELECT forum_level AS forumLevel, strengths, challenges, wishes, notes FROM district_mapping
     WHERE area_id = ? AND year = ?`,
  ).get(areaId, year);
}

/** The area's agreements by type and status, counting those agreed by the year's end. */
export function agreementCounts(db: Db, areaId: number, year: number): AgreementCountRow[] {
  return prepared<AgreementCountRow>(
    db,
    `SELECT a.type, a.status, count(*) AS count FROM agreement a
     WHERE a.area_id = ? AND ${AGREEMENT_START} <= ? GROUP BY a.type, a.status ORDER BY a.type, a.status`,
  ).all(areaId, yearEnd(year));
}

/** The area's barriers open at some time in the year (raised by its end, not resolved before it). */
export function barrierLines(db: Db, areaId: number, year: number): BarrierLine[] {
  return prepared<BarrierLine>(
    db,
    `SELECT b.id, b.category, b.description, b.status, b.raised_on AS raisedOn, b.resolved_on AS resolvedOn,
            b.resolution_note AS resolutionNote,
            CASE WHEN b.all_municipalities = 0 THEN (SELECT group_concat(o.name, ', ') FROM barrier_municipality bm
                 JOIN organisation o ON o.id = bm.municipality_id WHERE bm.barrier_id = b.id) END AS municipalities
     FROM barrier b WHERE b.area_id = ? AND b.raised_on <= ?
       AND (b.resolved_on IS NULL OR b.resolved_on >= ?)
     ORDER BY b.category, b.raised_on, b.id`,
  ).all(areaId, yearEnd(year), `${year}-01-01`);
}

const YEAR_COUNTS = {
  newAgreements: 'SELECT count(*) AS n FROM agreement WHERE area_id = ? AND substr(agreed_on, 1, 4) = ?',
  newBarriers: 'SELECT count(*) AS n FROM barrier WHERE area_id = ? AND substr(raised_on, 1, 4) = ?',
  barriersResolved: 'SELECT count(*) AS n FROM barrier WHERE area_id = ? AND substr(resolved_on, 1, 4) = ?',
};

/** Agreements agreed, barriers raised or barriers resolved in the area in the year. */
export function yearCount(db: Db, what: keyof typeof YEAR_COUNTS, areaId: number, year: number): number {
  return prepared<{ n: number }>(db, YEAR_COUNTS[what]).get(areaId, String(year))?.n ?? 0;
}

/** An agreement as the export reads it: AgreementLine's own columns, in the export's order. */
export type AgreementRow = [
  id: number,
  type: string,
  title: string,
  status: AgreementStatus,
  agreedOn: string | null,
  reviewOn: string | null,
  municipalities: string | null,
  contacts: string | null,
  barrierIds: string | null,
];

// The party, contact and barrier lists in their primary keys' order (what the subqueries walk).
const AGREEMENT_MUNICIPALITIES = `CASE WHEN a.all_municipalities = 0 THEN (SELECT group_concat(o.name, ', ')
  FROM agreement_municipality am JOIN organisation o ON o.id = am.municipality_id WHERE am.agreement_id = a.id) END`;
const AGREEMENT_CONTACTS = `(SELECT group_concat(p.name, ', ') FROM agreement_contact ac
  JOIN person p ON p.id = ac.person_id WHERE ac.agreement_id = a.id)`;
const AGREEMENT_BARRIERS = `(SELECT group_concat(ab.barrier_id, ', ') FROM agreement_barrier ab WHERE ab.agreement_id = a.id)`;
const AREA_AGREEMENTS = `FROM agreement a WHERE a.area_id = :areaId AND ${AGREEMENT_START} <= :yearEnd
  ORDER BY a.type, a.status, a.id`;

const AREA_AGREEMENT_ROWS = `SELECT a.id, a.type, a.title, a.status, a.agreed_on, a.review_on,
  ${AGREEMENT_MUNICIPALITIES}, ${AGREEMENT_CONTACTS}, ${AGREEMENT_BARRIERS} ${AREA_AGREEMENTS}`;

/**
 * An area's agreements agreed by the year's end, in the export's order (type, status, id), as
 * arrays. agreement_area_idx holds every column read here in this order, so SQLite reads the index
 * alone: no table row is visited and nothing is sorted. Arrays, not objects: better-sqlite3 builds
 * 100,000 of them in half the time.
 */
export function areaAgreementRows(conn: Database.Database, areaId: number, year: number): AgreementRow[] {
  return prepared<AgreementRow>(conn, AREA_AGREEMENT_ROWS)
    .raw(true)
    .all({ areaId, yearEnd: yearEnd(year) });
}

/**
 * The cells an agreement's CSV line shares with other lines, as csv.ts writes them: what SQLite puts
 * between the row's own values when it writes an area's lines itself (areaAgreementCsv).
 */
export interface AgreementCsvCells {
  delimiter: ';' | ',';
  /** The section's district cell with a delimiter on each side. */
  district: string;
  /** Each agreement type's key and cell (a key not among them is written as its own text). */
  types: ReadonlyArray<readonly [key: string, cell: string]>;
  /** Each status's key and cell (a status not among them is written empty). */
  statuses: ReadonlyArray<readonly [key: string, cell: string]>;
  /** The parties' cell of an agreement with all municipalities. */
  allMunicipalities: string;
  /** Everything after the linked barriers' cell, the line end included. */
  end: string;
}

/** A GLOB pattern of the characters that make a cell need quotes: the quote, the delimiter, line breaks. */
const needsQuotes = (delimiter: string) => `*["${delimiter}\r\n]*`;

/**
 * A text value's CSV cell, as csv.ts's csvText writes it: a formula shown as text (a quote before
 * = + - @ tab CR), quoted only when it holds a quote, the delimiter or a line break (:needsQuotes); null or '' empty.
 */
const csvTextCell = (x: string) => {
  const shown = `CASE WHEN unicode(${x}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${x} ELSE ${x} END`;
  return `CASE WHEN ${x} IS NULL OR ${x} = '' THEN ''
    WHEN ${x} GLOB :needsQuotes
    THEN '"' || replace(${shown}, '"', '""') || '"' ELSE ${shown} END`;
};

/** A CASE giving each key's cell by parameters (:type0 → :typeCell0 …), and `otherwise` for the rest. */
const cellByKey = (column: string, count: number, otherwise: string) =>
  count === 0
    ? otherwise
    : `CASE ${column} ${Array.from({ length: count }, (_, i) => `WHEN :${column}${i} THEN :${column}Cell${i}`).join(' ')} ELSE ${otherwise} END`;

/** A stored date as 2028-03-01, or none: csv.ts writes it as it is (isoDate). */
const plainDate = (x: string) =>
  `(${x} IS NULL OR ${x} = '' OR ${x} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;

/**
 * The CSV lines of an area's agreements as one aggregate over areaAgreementRows' rows: the inner
 * query's ORDER BY keeps SQLite from flattening it into the aggregate, so the rows reach
 * group_concat in the export's order and each subquery runs once a row.
 */
const areaAgreementCsvSql = (types: number, statuses: number) => `SELECT count(*) AS n,
  max(NOT (${plainDate('agreedOn')} AND ${plainDate('reviewOn')})) AS odd,
  CAST(group_concat(id || :district || ${cellByKey('type', types, csvTextCell('type'))}
    || :delimiter || ${csvTextCell('title')} || :delimiter || ${cellByKey('status', statuses, "''")}
    || :delimiter || coalesce(agreedOn, '') || :delimiter || coalesce(reviewOn, '')
    || :delimiter || CASE WHEN municipalities IS NULL THEN :allMunicipalities ELSE ${csvTextCell('municipalities')} END
    || :delimiter || ${csvTextCell('contacts')} || :delimiter || ${csvTextCell('barrierIds')} || :end, '') AS BLOB) AS text
  FROM (SELECT a.id, a.type, a.title, a.status, a.agreed_on AS agreedOn, a.review_on AS reviewOn,
    ${AGREEMENT_MUNICIPALITIES} AS municipalities, ${AGREEMENT_CONTACTS} AS contacts,
    ${AGREEMENT_BARRIERS} AS barrierIds ${AREA_AGREEMENTS})`;

/**
 * An area's agreement lines as the CSV export writes them (csv.ts), written by SQLite into one UTF-8
 * buffer: the rows never become JavaScript arrays and strings, most of what a 100,000-row export
 * cost. Null when a stored date is not a plain date (a timestamp is written as its Copenhagen day,
 * which SQLite cannot tell): the caller then writes the area's rows itself. A test holds both ways
 * to the same bytes.
 */
export function areaAgreementCsv(
  conn: Database.Database,
  areaId: number,
  year: number,
  cells: AgreementCsvCells,
): Buffer | null {
  const { types, statuses, ...shared } = cells;
  const params: Record<string, string | number> = {
    ...shared,
    needsQuotes: needsQuotes(shared.delimiter),
    areaId,
    yearEnd: yearEnd(year),
  };
  for (const [i, [key, cell]] of types.entries()) {
    params[`type${i}`] = key;
    params[`typeCell${i}`] = cell;
  }
  for (const [i, [key, cell]] of statuses.entries()) {
    params[`status${i}`] = key;
    params[`statusCell${i}`] = cell;
  }
  const { n, odd, text } = prepared<{ n: number; odd: number | null; text: Buffer | null }>(
    conn,
    areaAgreementCsvSql(types.length, statuses.length),
  ).get(params)!;
  if (n === 0) return Buffer.alloc(0);
  return odd ? null : text;
}

/** An agreement as the HTML report shows it: its type (the table it is in), title, status, dates and parties. */
export type AgreementTableRow = [
  type: string,
  title: string,
  status: AgreementStatus,
  agreedOn: string | null,
  reviewOn: string | null,
  municipalities: string | null,
];

const AREA_AGREEMENT_TABLE = `SELECT a.type, a.title, a.status, a.agreed_on, a.review_on, ${AGREEMENT_MUNICIPALITIES}
  ${AREA_AGREEMENTS}`;

/** The same agreements as the HTML report shows them: no contacts and barriers read for a table without them. */
export function areaAgreementTable(
  conn: Database.Database,
  areaId: number,
  year: number,
): AgreementTableRow[] {
  return prepared<AgreementTableRow>(conn, AREA_AGREEMENT_TABLE)
    .raw(true)
    .all({ areaId, yearEnd: yearEnd(year) });
}

const AREA_AGREEMENT_JSON = `SELECT json_object('id', a.id, 'districtCode', :code, 'districtName', :name,
  'type', a.type, 'title', a.title, 'status', a.status, 'agreedOn', a.agreed_on, 'reviewOn', a.review_on,
  'municipalities', ${AGREEMENT_MUNICIPALITIES}, 'contacts', ${AGREEMENT_CONTACTS},
  'barrierIds', ${AGREEMENT_BARRIERS}) AS line ${AREA_AGREEMENTS}`;

/** An area's JSON lines joined by commas, as UTF-8 bytes (a blob: no JavaScript string is made of it). */
const AREA_AGREEMENT_JSON_TEXT = `SELECT CAST(group_concat(line, ',') AS BLOB) FROM (${AREA_AGREEMENT_JSON})`;

/**
 * The same agreements as JSON text made by SQLite, an area's lines joined by commas into one UTF-8
 * buffer (empty when it has none): each line what JSON.stringify makes of its AgreementLine, the
 * keys in the same order (SQLite's JSON strings escape exactly the characters JSON.stringify does; a
 * test holds them to it). No JavaScript string is made of a line. The inner query's ORDER BY keeps
 * SQLite from flattening it into the aggregate: the lines are joined in the export's order.
 */
export function areaAgreementJson(
  conn: Database.Database,
  district: Pick<ReportDistrictRow, 'areaId' | 'code' | 'name'>,
  year: number,
): Buffer {
  const { areaId, code, name } = district;
  const text = prepared<Buffer | null>(conn, AREA_AGREEMENT_JSON_TEXT)
    .pluck()
    .get({ areaId, code, name, yearEnd: yearEnd(year) });
  return text ?? Buffer.alloc(0);
}

/** How SQLite reads an area's agreements (EXPLAIN QUERY PLAN), for the test that keeps it index-only. */
export function areaAgreementsPlan(db: Db): Record<'rows' | 'table' | 'json' | 'csv' | 'csvByKey', string[]> {
  const plan = (sql: string, params: Record<string, string> = {}) =>
    prepared<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${sql}`)
      .all({ areaId: 0, code: '', name: '', yearEnd: '', ...params })
      .map((r) => r.detail);
  const csvCells = {
    delimiter: ';',
    needsQuotes: needsQuotes(';'),
    district: '',
    allMunicipalities: '',
    end: '',
  };
  return {
    rows: plan(AREA_AGREEMENT_ROWS),
    table: plan(AREA_AGREEMENT_TABLE),
    json: plan(AREA_AGREEMENT_JSON_TEXT),
    csv: plan(areaAgreementCsvSql(0, 0), csvCells),
    csvByKey: plan(areaAgreementCsvSql(1, 1), {
      ...csvCells,
      type0: '',
      typeCell0: '',
      status0: '',
      statusCell0: '',
    }),
  };
}

// ---- the national report

/** Agreements in force at the end of the year (in force or being revised now, agreed by then), by area and type. */
export function inForceCounts(db: Db, year: number): (AreaCountRow & { type: string })[] {
  return prepared<AreaCountRow & { type: string }>(
    db,
    `SELECT a.area_id AS areaId, a.type, count(*) AS n FROM agreement a
     WHERE a.status IN ('in_force', 'under_revision') AND ${AGREEMENT_START} <= ? GROUP BY a.area_id, a.type`,
  ).all(yearEnd(year));
}

/** Barriers open at the end of the year (raised by then, not resolved by then), by area. */
export function openBarrierCounts(db: Db, year: number): AreaCountRow[] {
  return prepared<AreaCountRow>(
    db,
    `SELECT area_id AS areaId, count(*) AS n FROM barrier
     WHERE raised_on <= ? AND (resolved_on IS NULL OR resolved_on > ?) GROUP BY area_id`,
  ).all(yearEnd(year), yearEnd(year));
}

export function resolvedBarrierCounts(db: Db, year: number): AreaCountRow[] {
  return prepared<AreaCountRow>(
    db,
    `SELECT area_id AS areaId, count(*) AS n FROM barrier WHERE substr(resolved_on, 1, 4) = ? GROUP BY area_id`,
  ).all(String(year));
}

// ---- the year overview and district pages

/**
 * One row per area of the programme for a year (in the Danish one, per police district): its
 * (first) meeting and how the invitations stand.
 * A municipality counts as covered when someone from it is invited (or, before inviting, when the
 * register holds someone in the default audience for it).
 */
export function districtYearRows(
  db: Db,
  year: number,
  scope: ReportScope,
): Omit<DistrictYearRow, 'outcomes'>[] {
  return prepared<Omit<DistrictYearRow, 'outcomes'>>(
    db,
    `WITH d AS (
       SELECT o.id AS districtId, coalesce(o.code, '') AS code,
              CASE WHEN a.kind = 'police_district' THEN o.name ELSE a.name END AS name, a.id AS areaId
       FROM area a JOIN organisation o ON o.id = a.convener_id
       WHERE ${programmeArea('a')} AND (a.kind <> 'police_district' OR o.kind = 'police_district')),
     m AS (
       SELECT mt.id, mt.area_id, mt.starts_at, mt.status,
              row_number() OVER (PARTITION BY mt.area_id ORDER BY mt.status = 'cancelled', mt.starts_at) AS n
       FROM meeting mt JOIN cycle c ON c.id = mt.cycle_id
       WHERE c.year = :year AND c.area_kind = :areaKind)
     SELECT d.districtId, d.code, d.name, d.areaId, m.id AS meetingId, m.starts_at AS startsAt, m.status,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL AND i.response = 'accepted') AS accepted,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL AND i.response = 'declined') AS declined,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL AND i.response NOT IN ('accepted', 'declined')) AS noAnswer,
       (SELECT count(*) FROM area_member am WHERE am.area_id = d.areaId AND am.member_role = 'member') AS municipalities,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.token_hash IS NOT NULL) AS invitationsSent,
       (SELECT count(*) FROM area_member am WHERE am.area_id = d.areaId AND am.member_role = 'member' AND (
          EXISTS (SELECT 1 FROM invitation i JOIN person p ON p.id = i.person_id
                  WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL AND p.organisation_id = am.organisation_id)
          OR (NOT EXISTS (SELECT 1 FROM invitation i WHERE i.meeting_id = m.id)
              AND EXISTS (SELECT 1 FROM person p JOIN person_role pr ON pr.person_id = p.id
                          JOIN role r ON r.id = pr.role_id AND r.in_default_audience = 1
                          WHERE p.organisation_id = am.organisation_id)))) AS covered,
       (SELECT count(*) FROM outbox_message om JOIN meeting mm ON mm.id = om.meeting_id
        WHERE mm.area_id = d.areaId AND om.status = 'failed'
          AND mm.id IN (SELECT id FROM m WHERE m.area_id = d.areaId)) AS failedEmails
     FROM d LEFT JOIN m ON m.area_id = d.areaId AND m.n = 1
     ORDER BY d.code, d.name, d.areaId`,
  ).all({ year, ...scope });
}

/** Per area of the programme (a police district's, in the Danish one): agreements in force, open barriers, agreements due for review by the date. */
export function districtOutcomeCounts(
  db: Db,
  reviewBy: string,
  scope: ReportScope,
): (DistrictOutcomes & { areaId: number })[] {
  return prepared<DistrictOutcomes & { areaId: number }>(
    db,
    `SELECT a.id AS areaId,
       (SELECT count(*) FROM agreement g WHERE g.area_id = a.id AND g.status IN ('agreed', 'in_force')) AS agreementsInForce,
       (SELECT count(*) FROM barrier b WHERE b.area_id = a.id AND b.status IN ('open', 'being_addressed')) AS openBarriers,
       (SELECT count(*) FROM agreement g WHERE g.area_id = a.id AND g.status IN ('agreed', 'in_force', 'under_revision')
          AND g.review_on IS NOT NULL AND g.review_on <= :reviewBy) AS dueForReview
     FROM area a WHERE ${programmeArea('a')}`,
  ).all({ reviewBy, ...scope });
}

/** The years the programme's areas have a cycle planned. */
export function cycleYearsOfKind(db: Db, areaKind: string): number[] {
  return prepared<{ year: number }>(db, 'SELECT DISTINCT year FROM cycle WHERE area_kind = ? ORDER BY year')
    .all(areaKind)
    .map((r) => r.year);
}

export function tableExists(db: Db, name: string): boolean {
  return (
    prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
  );
}

/** Every meeting of an area, newest first, with how many are invited and have accepted. */
export function areaMeetingLines(db: Db, areaId: number): DistrictMeetingLine[] {
  return prepared<DistrictMeetingLine>(
    db,
    `SELECT m.id, c.year, m.starts_at AS startsAt, m.status, m.venue_name AS venueName,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL AND i.response = 'accepted') AS accepted,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL) AS invited
     FROM meeting m LEFT JOIN cycle c ON c.id = m.cycle_id WHERE m.area_id = ? ORDER BY m.starts_at DESC`,
  ).all(areaId);
}

// ---- the national report as the model has it

/** Member organisations (municipalities, in the Danish programme) of an area represented among the people. */
export function membersRepresented(db: Db, areaId: number, personIds: number[]): number {
  if (personIds.length === 0) return 0;
  return (
    prepared<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM area_member am WHERE am.area_id = ? AND am.member_role = 'member'
         AND EXISTS (SELECT 1 FROM person p JOIN organisation o ON o.id = p.organisation_id
                     WHERE p.id IN (SELECT value FROM json_each(?))
                       AND (o.id = am.organisation_id OR o.parent_id = am.organisation_id))`,
    ).get(areaId, JSON.stringify(personIds))?.n ?? 0
  );
}

/** Whether the area had a meeting in the year that was cancelled (and none other). */
export function cancelledMeetingOfYear(db: Db, areaId: number, year: number): boolean {
  return (
    prepared(
      db,
      `SELECT 1 AS one FROM meeting WHERE area_id = ? AND substr(starts_at, 1, 4) = ? AND status = 'cancelled' LIMIT 1`,
    ).get(areaId, String(year)) !== undefined
  );
}

/** Barriers open at some time in the year (raised by its end, not resolved before it), by area and category. */
export function barrierCategoryCounts(db: Db, year: number): (AreaCountRow & { category: string })[] {
  return prepared<AreaCountRow & { category: string }>(
    db,
    `SELECT area_id AS areaId, category, count(*) AS n FROM barrier
     WHERE raised_on <= ? AND (resolved_on IS NULL OR resolved_on >= ?) GROUP BY area_id, category`,
  ).all(yearEnd(year), `${year}-01-01`);
}

/** Agreements agreed in the year, by area and type. */
export function newAgreementCounts(db: Db, year: number): (AreaCountRow & { type: string })[] {
  return prepared<AreaCountRow & { type: string }>(
    db,
    `SELECT area_id AS areaId, type, count(*) AS n FROM agreement WHERE substr(agreed_on, 1, 4) = ?
     GROUP BY area_id, type`,
  ).all(String(year));
}

/** The themes on the agendas of the given meetings: at how many meetings each was discussed. */
export function themeCounts(db: Db, meetingIds: number[]): { name: string; n: number }[] {
  return prepared<{ name: string; n: number }>(
    db,
    `SELECT t.name, count(DISTINCT ai.meeting_id) AS n FROM agenda_item ai JOIN theme t ON t.id = ai.theme_id
     WHERE ai.meeting_id IN (SELECT value FROM json_each(?)) GROUP BY t.id ORDER BY n DESC, t.position, t.name`,
  ).all(JSON.stringify(meetingIds));
}
