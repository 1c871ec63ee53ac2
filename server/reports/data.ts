import Database from 'better-sqlite3';
import type { Db } from '../../db/client.ts';
import type { AgreementStatus, BarrierStatus } from '../../db/schema/index.ts';
import { lessonsOf, surveyOf } from '../evaluation/queries.ts';
import { resultsOf } from '../evaluation/results.ts';
import type { EvaluationResults } from '../evaluation/schemas.ts';
import { badRequest } from '../http/problems.ts';
import type { MeetingSession } from '../meeting-sessions/schemas.ts';
import { listSessions } from '../meeting-sessions/sessions.ts';
import { participationFigures, peopleOf } from '../outcomes/attendance.ts';
import { acceptedPersonIds, attendedPersonIds } from '../outcomes/queries/meeting-outcomes.ts';
import type { Attendance, ParticipationFigures } from '../outcomes/schemas.ts';
import { meetingRecord } from '../planning/meetings.ts';
import {
  DANISH_PROGRAMME_KEY,
  type ProgrammeRow,
  programmeNamed,
  programmeTextLanguage,
  taxonomyLabel,
  taxonomyOf,
} from '../programmes/programmes.ts';
import { approvedReferatText } from '../referat/queries.ts';
import type { Language } from '../text/language.ts';
import { type NationalModel, nationalModel } from './national-model.ts';
import {
  type AgreementCsvCells,
  type AgreementRow,
  type AgreementTableRow,
  agreementCounts,
  areaAgreementCsv,
  areaAgreementJson,
  areaAgreementRows,
  areaAgreementTable,
  barrierLines,
  cancelledMeetingOfYear,
  hasAttendanceSheet,
  inForceCounts,
  meetingIdOfYear,
  membersRepresented,
  openBarrierCounts,
  type ReportDistrictRow,
  type ReportScope,
  reportDistricts,
  resolvedBarrierCounts,
  storedMapping,
  yearCount,
} from './queries.ts';

export interface ReportOptions {
  year: number;
  district?: string;
  /** The programme's key; the Danish programme when left out. */
  programme?: string;
  /** The programme's language when left out. */
  lang?: Language;
}

/** The programme a report is about, and its taxonomy's keys with their names in the report's language. */
export interface ReportProgramme {
  key: string;
  name: string;
  /** Its areas are Danish police districts: the reports speak of police districts. */
  policeDistricts: boolean;
}
export interface ReportTaxonomy {
  agreementTypes: { key: string; label: string }[];
  barrierCategories: { key: string; label: string }[];
  forumLevels: { key: string; label: string }[];
}

interface ReportContext {
  row: ProgrammeRow;
  scope: ReportScope;
  lang: Language;
  programme: ReportProgramme;
  taxonomy: ReportTaxonomy;
}

/** The programme a report names (400 for an unknown key), its language and its taxonomy's names. */
export function reportContext(db: Db, options: Pick<ReportOptions, 'programme' | 'lang'>): ReportContext {
  const key = options.programme ?? DANISH_PROGRAMME_KEY;
  const row = programmeNamed(db, key);
  if (!row)
    throw badRequest(`No programme has key ${key}`, [
      { field: 'querystring.programme', message: 'unknown programme' },
    ]);
  const lang = options.lang ?? programmeTextLanguage(db, row);
  const taxonomy = taxonomyOf(row);
  const named = (list: keyof typeof taxonomy) =>
    taxonomy[list].map((e) => ({ key: e.key, label: taxonomyLabel(taxonomy[list], e.key, lang) }));
  return {
    row,
    scope: { programmeId: row.id, areaKind: row.areaKind },
    lang,
    programme: { key: row.key, name: row.name, policeDistricts: row.areaKind === 'police_district' },
    taxonomy: {
      agreementTypes: named('agreementTypes'),
      barrierCategories: named('barrierCategories'),
      forumLevels: named('forumLevels'),
    },
  };
}

export interface MeetingSummary {
  id: number;
  title: string;
  status: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  attendanceConfirmed: boolean;
  attendees: Attendance['attendees'];
  figures: ParticipationFigures;
  /** The approved referat's text (its newest approved version); null before one is approved. */
  referat: string | null;
  /** A meeting held as sessions: each session held, with its places, participants, waiting and attended. */
  sessions?: ReportSession[];
}

export type ReportSession = Pick<
  MeetingSession,
  'startsAt' | 'endsAt' | 'venueName' | 'venueAddress' | 'capacity' | 'accepted' | 'waiting' | 'attended'
>;

function reportSessions(db: Db, meetingId: number): ReportSession[] {
  return listSessions(db, meetingId)
    .sessions.filter((s) => s.cancelledAt === null)
    .map(({ startsAt, endsAt, venueName, venueAddress, capacity, accepted, waiting, attended }) => ({
      startsAt,
      endsAt,
      venueName,
      venueAddress,
      capacity,
      accepted,
      waiting,
      attended,
    }));
}

export interface MappingSummary {
  forumLevel: string;
  strengths: string[];
  challenges: string[];
  wishes: string[];
  notes: string | null;
}

export interface BarrierLine {
  id: number;
  category: string;
  description: string;
  status: BarrierStatus;
  raisedOn: string;
  resolvedOn: string | null;
  resolutionNote: string | null;
  municipalities: string | null;
}

export interface AgreementLine {
  id: number;
  districtCode: string;
  districtName: string;
  type: string;
  title: string;
  status: AgreementStatus;
  agreedOn: string | null;
  reviewOn: string | null;
  /** Null when all the district's municipalities are parties. */
  municipalities: string | null;
  contacts: string | null;
  barrierIds: string | null;
}

export interface YearChanges {
  previousForumLevel: string | null;
  forumLevel: string | null;
  previousPeople: number | null;
  people: number | null;
  newAgreements: number;
  newBarriers: number;
  barriersResolved: number;
}

export interface DistrictSection {
  code: string;
  name: string;
  municipalityCount: number;
  meeting: MeetingSummary | null;
  mapping: MappingSummary | null;
  agreementCounts: { type: string; status: AgreementStatus; count: number }[];
  barriers: BarrierLine[];
  changes: YearChanges;
  /** The year's meeting's evaluation (null when no survey went out) and lessons learned. */
  evaluation: EvaluationResults | null;
  lessons: string | null;
}

/** What a report's words and file name come from. */
export type ReportHead = Pick<AgreementsReport, 'lang' | 'programme' | 'taxonomy'>;

export interface AgreementsReport {
  kind: 'agreements';
  year: number;
  lang: Language;
  programme: ReportProgramme;
  taxonomy: ReportTaxonomy;
  generatedAt: string;
  district: string | null;
  sections: DistrictSection[];
}

type DistrictRow = ReportDistrictRow;

export function districtsOf(db: Db, scope: ReportScope, district?: string): DistrictRow[] {
  return reportDistricts(db, scope, district ?? null);
}

export function meetingOfYear(db: Db, district: DistrictRow, year: number): MeetingSummary | null {
  const found = meetingIdOfYear(db, district.areaId, year);
  if (found === undefined) return null;
  const { id, title, status, startsAt, endsAt, venueName, venueAddress } = meetingRecord(db, found);
  const m = { id, title, status, startsAt, endsAt, venueName, venueAddress };
  const confirmed = hasAttendanceSheet(db, m.id);
  const ids = confirmed ? attendedPersonIds(db, m.id) : acceptedPersonIds(db, m.id);
  const people = peopleOf(db, ids);
  const sessions = reportSessions(db, m.id);
  return {
    ...m,
    attendanceConfirmed: confirmed,
    attendees: people.map(({ parentId: _p, ...p }) => p),
    figures: participationFigures(db, district.areaId, people),
    referat: approvedReferatText(db, m.id),
    ...(sessions.length ? { sessions } : {}),
  };
}

export function mappingOf(db: Db, areaId: number, year: number): MappingSummary | null {
  const row = storedMapping(db, areaId, year);
  if (!row) return null;
  return {
    forumLevel: row.forumLevel,
    strengths: JSON.parse(row.strengths),
    challenges: JSON.parse(row.challenges),
    wishes: JSON.parse(row.wishes),
    notes: row.notes,
  };
}

/** Everything about a district's year except the agreement lines, which are streamed. */
export function districtSection(
  db: Db,
  district: DistrictRow,
  year: number,
  lang: Language = 'da',
): DistrictSection {
  const meeting = meetingOfYear(db, district, year);
  const surveyed = meeting && surveyOf(db, meeting.id) ? [meeting.id] : [];
  const previousMeeting = meetingOfYear(db, district, year - 1);
  const mapping = mappingOf(db, district.areaId, year);
  const previousMapping = mappingOf(db, district.areaId, year - 1);
  return {
    code: district.code,
    name: district.name,
    municipalityCount: district.municipalityCount,
    meeting,
    mapping,
    agreementCounts: agreementCounts(db, district.areaId, year),
    barriers: barrierLines(db, district.areaId, year),
    changes: {
      previousForumLevel: previousMapping?.forumLevel ?? null,
      forumLevel: mapping?.forumLevel ?? null,
      previousPeople: previousMeeting ? previousMeeting.figures.people : null,
      people: meeting ? meeting.figures.people : null,
      newAgreements: yearCount(db, 'newAgreements', district.areaId, year),
      newBarriers: yearCount(db, 'newBarriers', district.areaId, year),
      barriersResolved: yearCount(db, 'barriersResolved', district.areaId, year),
    },
    evaluation: surveyed.length ? resultsOf(db, surveyed, lang) : null,
    lessons: (meeting && lessonsOf(db, meeting.id)?.text) || null,
  };
}

export function buildAgreementsReport(db: Db, options: ReportOptions): AgreementsReport {
  return agreementsExport(db, options).report;
}

/** A report's section with its agreement rows (in the export's order: type, status, id). */
export interface SectionAgreements<S = DistrictSection, Row = AgreementRow> {
  section: S;
  rows: Row[];
}

/** A report and its sections each with its agreement rows, read one area at a time as the writer comes to it. */
export interface AgreementsExport<R, S> {
  report: R;
  sections(): Generator<SectionAgreements<S>>;
}

/** The agreements report; its agreements also as its HTML tables show them, and as JSON text. */
export interface AgreementsReportExport extends AgreementsExport<AgreementsReport, DistrictSection> {
  tables(): Generator<SectionAgreements<DistrictSection, AgreementTableRow>>;
  /** Each area's agreements as JSON lines joined by commas, in UTF-8 (empty for an area without). */
  jsonLines(): Generator<Buffer>;
}

/** The agreements report with its agreement rows (memory holds one area's rows, not the export's). */
export function agreementsExport(db: Db, options: ReportOptions): AgreementsReportExport {
  const { scope, lang, programme, taxonomy } = reportContext(db, options);
  const districts = districtsOf(db, scope, options.district);
  const report: AgreementsReport = {
    kind: 'agreements',
    year: options.year,
    lang,
    programme,
    taxonomy,
    generatedAt: new Date().toISOString(),
    district: options.district ?? null,
    sections: districts.map((d) => districtSection(db, d, options.year, lang)),
  };
  return {
    report,
    sections: () => withAgreementRows(db, districts, report.sections, options.year),
    tables: () =>
      withRows(db, districts, report.sections, (conn, d) => areaAgreementTable(conn, d.areaId, options.year)),
    jsonLines: () => eachArea(db, districts, (conn, d) => areaAgreementJson(conn, d, options.year)),
  };
}

/** A section of the CSV export: its district and the barriers listed after its agreements. */
export type CsvSection = Pick<DistrictSection, 'code' | 'name' | 'barriers'>;

/** A CSV section's agreement lines: as SQLite wrote them, or as rows for csv.ts to write. */
export type CsvSectionAgreements = { section: CsvSection } & ({ text: Buffer } | { rows: AgreementRow[] });

/** Each section's agreement lines, read area by area: the writer gives each section's shared cells. */
export type CsvSectionsReader = (
  cellsOf: (section: CsvSection) => AgreementCsvCells,
) => Iterable<CsvSectionAgreements>;

/** What the CSV export writes. */
export interface AgreementsCsvExport {
  report: ReportHead;
  sections: CsvSectionsReader;
}

/**
 * What the CSV export writes: the report's words and, by district, the barriers and the agreement
 * lines. The rest of the report (meetings, mappings, evaluations, counts) is not read for it.
 */
export function agreementsCsvExport(db: Db, options: ReportOptions): AgreementsCsvExport {
  const { scope, lang, programme, taxonomy } = reportContext(db, options);
  const districts = districtsOf(db, scope, options.district);
  const sections = districts.map(({ code, name, areaId }) => ({
    code,
    name,
    barriers: barrierLines(db, areaId, options.year),
  }));
  return {
    report: { lang, programme, taxonomy },
    sections: (cellsOf) =>
      eachArea(db, districts, (conn, d, i): CsvSectionAgreements => {
        const section = sections[i]!;
        const text = areaAgreementCsv(conn, d.areaId, options.year, cellsOf(section));
        return text ? { section, text } : { section, rows: areaAgreementRows(conn, d.areaId, options.year) };
      }),
  };
}

/** Each section (of the district in the same place) with its area's agreement rows. */
function withAgreementRows<S>(
  db: Db,
  districts: readonly DistrictRow[],
  sections: readonly S[],
  year: number,
): Generator<SectionAgreements<S>> {
  return withRows(db, districts, sections, (conn, d) => areaAgreementRows(conn, d.areaId, year));
}

/** Each section (of the district in the same place) with what `read` reads of its area's agreements. */
function* withRows<S, Row>(
  db: Db,
  districts: readonly DistrictRow[],
  sections: readonly S[],
  read: (conn: Database.Database, district: DistrictRow) => Row[],
): Generator<SectionAgreements<S, Row>> {
  let i = 0;
  for (const rows of eachArea(db, districts, read)) yield { section: sections[i++]!, rows };
}

/**
 * What `read` reads of each district's area in turn, all in one read transaction (no write lands
 * between two areas), on a connection of their own: the export streams for seconds, and a
 * transaction left open on the service's connection would take in the service's own writes
 * meanwhile. An in-memory database has no second connection: it is read area by area on its own.
 */
function* eachArea<T>(
  db: Db,
  districts: readonly DistrictRow[],
  read: (conn: Database.Database, district: DistrictRow, index: number) => T,
): Generator<T> {
  const file = db.$client.name;
  const own = file && file !== ':memory:' && !db.$client.memory;
  const conn = own ? new Database(file, { readonly: true, fileMustExist: true }) : db.$client;
  try {
    if (own) conn.exec('BEGIN');
    for (const [i, district] of districts.entries()) yield read(conn, district, i);
  } finally {
    if (own) conn.close();
  }
}

function lineOf(section: Pick<DistrictSection, 'code' | 'name'>, r: AgreementRow): AgreementLine {
  return {
    id: r[0],
    districtCode: section.code,
    districtName: section.name,
    type: r[1],
    title: r[2],
    status: r[3],
    agreedOn: r[4],
    reviewOn: r[5],
    municipalities: r[6],
    contacts: r[7],
    barrierIds: r[8],
  };
}

/** The agreement lines of the sections (the Excel writer takes them as objects, in one table). */
export function* agreementLinesOf(sections: Iterable<SectionAgreements>): Generator<AgreementLine> {
  for (const { section, rows } of sections) for (const r of rows) yield lineOf(section, r);
}

/**
 * Each section's agreement lines, section by section in the report's order (the PDF and Word
 * writers put them under their section's heading: two areas may share a convener's code, and
 * areas of a programme without codes all have '').
 */
export function* agreementLinesBySection(
  sections: Iterable<SectionAgreements>,
): Generator<Iterable<AgreementLine>> {
  // each line made as the writer comes to it: 100,000 line objects never exist at once
  for (const { section, rows } of sections)
    yield (function* () {
      for (const r of rows) yield lineOf(section, r);
    })();
}

/** held; notYet: planned or to come (ikke afholdt endnu); notHeld: past, cancelled or never planned (ikke afholdt). */
export type MeetingState = 'held' | 'notYet' | 'notHeld';

export interface NationalRow {
  areaId: number;
  code: string;
  name: string;
  meetingHeld: boolean;
  meetingState: MeetingState;
  meetingId: number | null;
  meetingDate: string | null;
  people: number;
  /** Members (municipalities, in the Danish programme) represented, of the members in the register. */
  municipalitiesRepresented: number;
  municipalities: number;
  leadership: number;
  practice: number;
  police: number;
  municipal: number;
  otherSides: number;
  organisationsRepresented: number;
  memberOrganisations: number;
  forumLevel: string | null;
  /** By the programme's agreement types. */
  inForceByType: Record<string, number>;
  inForce: number;
  openBarriers: number;
  resolvedBarriers: number;
}

export interface NationalReport {
  kind: 'national';
  year: number;
  lang: Language;
  programme: ReportProgramme;
  taxonomy: ReportTaxonomy;
  generatedAt: string;
  rows: NationalRow[];
  totals: Omit<
    NationalRow,
    'areaId' | 'code' | 'name' | 'meetingDate' | 'forumLevel' | 'meetingHeld' | 'meetingState' | 'meetingId'
  > & {
    meetingsHeld: number;
  };
  previous: { rows: NationalRow[]; totals: NationalReport['totals']; model: NationalModel };
  /** What the Danish model reports, for the year (the previous year's is in `previous`). */
  model: NationalModel;
}

function isHeld(m: MeetingSummary | null, now: string): boolean {
  return m !== null && (m.status === 'held' || m.endsAt < now);
}

/** Held, still to come, or not held (cancelled, or none in a year that is over). */
function meetingState(
  db: Db,
  m: MeetingSummary | null,
  areaId: number,
  year: number,
  now: string,
): MeetingState {
  if (isHeld(m, now)) return 'held';
  if (m) return 'notYet';
  if (cancelledMeetingOfYear(db, areaId, year) || `${year}-12-31T23:59:59Z` < now) return 'notHeld';
  return 'notYet';
}

function nationalRows(
  db: Db,
  year: number,
  areas: DistrictRow[],
  types: string[],
): { rows: NationalRow[]; totals: NationalReport['totals'] } {
  const now = new Date().toISOString();
  const emptyByType = (): Record<string, number> => Object.fromEntries(types.map((t) => [t, 0]));
  const inForce = new Map<number, Record<string, number>>();
  for (const r of inForceCounts(db, year)) {
    const byType = inForce.get(r.areaId) ?? emptyByType();
    byType[r.type] = r.n;
    inForce.set(r.areaId, byType);
  }
  const open = new Map(openBarrierCounts(db, year).map((r) => [r.areaId, r.n]));
  const resolved = new Map(resolvedBarrierCounts(db, year).map((r) => [r.areaId, r.n]));
  const rows = areas.map((d): NationalRow => {
    const meeting = meetingOfYear(db, d, year);
    const byType = inForce.get(d.areaId) ?? emptyByType();
    const f = meeting?.figures;
    return {
      areaId: d.areaId,
      code: d.code,
      name: d.name,
      meetingHeld: isHeld(meeting, now),
      meetingState: meetingState(db, meeting, d.areaId, year, now),
      meetingId: meeting?.id ?? null,
      meetingDate: meeting ? meeting.startsAt : null,
      people: f?.people ?? 0,
      municipalitiesRepresented: meeting
        ? membersRepresented(
            db,
            d.areaId,
            meeting.attendees.map((a) => a.id),
          )
        : 0,
      municipalities: d.municipalityCount,
      leadership: f?.leadershipLevel ?? 0,
      practice: f?.practiceLevel ?? 0,
      police: f?.police ?? 0,
      municipal: f?.municipal ?? 0,
      otherSides: f?.otherSides ?? 0,
      organisationsRepresented: meeting?.figures.memberOrganisationsRepresented ?? 0,
      memberOrganisations: meeting?.figures.memberOrganisations ?? d.municipalityCount + 1,
      forumLevel: mappingOf(db, d.areaId, year)?.forumLevel ?? null,
      inForceByType: byType,
      inForce: Object.values(byType).reduce((a, b) => a + b, 0),
      openBarriers: open.get(d.areaId) ?? 0,
      resolvedBarriers: resolved.get(d.areaId) ?? 0,
    };
  });
  const totals: NationalReport['totals'] = {
    meetingsHeld: rows.filter((r) => r.meetingHeld).length,
    people: 0,
    municipalitiesRepresented: 0,
    municipalities: 0,
    leadership: 0,
    practice: 0,
    police: 0,
    municipal: 0,
    otherSides: 0,
    organisationsRepresented: 0,
    memberOrganisations: 0,
    inForceByType: emptyByType(),
    inForce: 0,
    openBarriers: 0,
    resolvedBarriers: 0,
  };
  for (const r of rows) {
    totals.people += r.people;
    for (const k of ['municipalitiesRepresented', 'municipalities', 'leadership', 'practice'] as const)
      totals[k] += r[k];
    for (const k of ['police', 'municipal', 'otherSides'] as const) totals[k] += r[k];
    totals.organisationsRepresented += r.organisationsRepresented;
    totals.memberOrganisations += r.memberOrganisations;
    for (const t of types)
      totals.inForceByType[t] = (totals.inForceByType[t] ?? 0) + (r.inForceByType[t] ?? 0);
    totals.inForce += r.inForce;
    totals.openBarriers += r.openBarriers;
    totals.resolvedBarriers += r.resolvedBarriers;
  }
  return { rows, totals };
}

/** A programme's overall report (the Danish national report): one row per area of the programme. */
export function buildNationalReport(
  db: Db,
  options: Pick<ReportOptions, 'year' | 'lang' | 'programme'>,
): NationalReport {
  const { scope, lang, programme, taxonomy } = reportContext(db, options);
  const areas = districtsOf(db, scope);
  const types = taxonomy.agreementTypes.map((t) => t.key);
  const current = nationalRows(db, options.year, areas, types);
  const previous = nationalRows(db, options.year - 1, areas, types);
  const model = (year: number, rows: NationalRow[]) =>
    nationalModel(db, { year, lang, programme, taxonomy, areas, rows });
  return {
    kind: 'national',
    year: options.year,
    lang,
    programme,
    taxonomy,
    generatedAt: new Date().toISOString(),
    ...current,
    model: model(options.year, current.rows),
    previous: { ...previous, model: model(options.year - 1, previous.rows) },
  };
}
