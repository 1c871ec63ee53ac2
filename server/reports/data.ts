import Database from 'better-sqlite3';
import type { Db } from '../../db/client.ts';
import {
  type AgreementStatus,
  type AgreementType,
  agreementTypes,
  type BarrierCategory,
  type BarrierStatus,
  type ForumLevel,
} from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import { participationFigures, peopleOf } from '../outcomes/attendance.ts';
import type { Attendance, ParticipationFigures } from '../outcomes/schemas.ts';
import { meetingRecord } from '../planning/meetings.ts';
import type { Language } from '../text/language.ts';

export interface ReportOptions {
  year: number;
  district?: string;
  lang: Language;
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
}

export interface MappingSummary {
  forumLevel: ForumLevel;
  strengths: string[];
  challenges: string[];
  wishes: string[];
  notes: string | null;
}

export interface BarrierLine {
  id: number;
  category: BarrierCategory;
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
  type: AgreementType;
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
  previousForumLevel: ForumLevel | null;
  forumLevel: ForumLevel | null;
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
  agreementCounts: { type: AgreementType; status: AgreementStatus; count: number }[];
  barriers: BarrierLine[];
  changes: YearChanges;
}

export interface AgreementsReport {
  kind: 'agreements';
  year: number;
  lang: Language;
  generatedAt: string;
  district: string | null;
  sections: DistrictSection[];
}

const yearEnd = (year: number) => `${year}-12-31`;

const DISTRICTS = `
  SELECT o.id, o.code, o.name, a.id AS areaId,
         (SELECT count(*) FROM area_member m WHERE m.area_id = a.id AND m.member_role = 'member') AS municipalityCount
  FROM organisation o JOIN area a ON a.convener_id = o.id AND a.kind = 'police_district'
  WHERE o.kind = 'police_district' AND (:district IS NULL OR o.code = :district) ORDER BY o.code`;
/** The year's meeting of the district: the last one not cancelled. */
const MEETING_OF_YEAR = `
  SELECT id FROM meeting WHERE area_id = ? AND substr(starts_at, 1, 4) = ? AND status <> 'cancelled'
  ORDER BY starts_at DESC LIMIT 1`;
const MAPPING = `
  SELECT forum_level AS forumLevel, strengths, challenges, wishes, notes FROM district_mapping
  WHERE district_id = ? AND year = ?`;
/** Agreements count for a year when they were agreed (or, undated, created) by its end. */
const AGREEMENT_START = `coalesce(a.agreed_on, substr(a.created_at, 1, 10))`;
const AGREEMENT_COUNTS = `
  SELECT a.type, a.status, count(*) AS count FROM agreement a
  WHERE a.district_id = ? AND ${AGREEMENT_START} <= ? GROUP BY a.type, a.status ORDER BY a.type, a.status`;
const BARRIERS = `
  SELECT b.id, b.category, b.description, b.status, b.raised_on AS raisedOn, b.resolved_on AS resolvedOn,
         b.resolution_note AS resolutionNote,
         CASE WHEN b.all_municipalities = 0 THEN (SELECT group_concat(o.name, ', ') FROM barrier_municipality bm
              JOIN organisation o ON o.id = bm.municipality_id WHERE bm.barrier_id = b.id) END AS municipalities
  FROM barrier b WHERE b.district_id = ? AND b.raised_on <= ?
    AND (b.resolved_on IS NULL OR b.resolved_on >= ?)
  ORDER BY b.category, b.raised_on, b.id`;
const NEW_AGREEMENTS = `SELECT count(*) AS n FROM agreement WHERE district_id = ? AND substr(agreed_on, 1, 4) = ?`;
const NEW_BARRIERS = `SELECT count(*) AS n FROM barrier WHERE district_id = ? AND substr(raised_on, 1, 4) = ?`;
const RESOLVED_BARRIERS = `SELECT count(*) AS n FROM barrier WHERE district_id = ? AND substr(resolved_on, 1, 4) = ?`;
const ATTENDEES = 'SELECT person_id AS id FROM attendance WHERE meeting_id = ?';
const ACCEPTED = `SELECT person_id AS id FROM invitation WHERE meeting_id = ? AND response = 'accepted' AND withdrawn_at IS NULL`;
const HAS_SHEET = 'SELECT 1 AS one FROM attendance_sheet WHERE meeting_id = ?';

interface DistrictRow {
  id: number;
  code: string;
  name: string;
  areaId: number;
  municipalityCount: number;
}

export function districtsOf(db: Db, district?: string): DistrictRow[] {
  return prepared<DistrictRow>(db, DISTRICTS).all({ district: district ?? null });
}

export function meetingOfYear(db: Db, district: DistrictRow, year: number): MeetingSummary | null {
  const found = prepared<{ id: number }>(db, MEETING_OF_YEAR).get(district.areaId, String(year));
  if (!found) return null;
  const { id, title, status, startsAt, endsAt, venueName, venueAddress } = meetingRecord(db, found.id);
  const m = { id, title, status, startsAt, endsAt, venueName, venueAddress };
  const confirmed = prepared(db, HAS_SHEET).get(m.id) !== undefined;
  const ids = prepared<{ id: number }>(db, confirmed ? ATTENDEES : ACCEPTED)
    .all(m.id)
    .map((r) => r.id);
  const people = peopleOf(db, ids);
  return {
    ...m,
    attendanceConfirmed: confirmed,
    attendees: people.map(({ parentId: _p, ...p }) => p),
    figures: participationFigures(db, district.areaId, people),
  };
}

export function mappingOf(db: Db, districtId: number, year: number): MappingSummary | null {
  const row = prepared<{
    forumLevel: ForumLevel;
    strengths: string;
    challenges: string;
    wishes: string;
    notes: string | null;
  }>(db, MAPPING).get(districtId, year);
  if (!row) return null;
  return {
    forumLevel: row.forumLevel,
    strengths: JSON.parse(row.strengths),
    challenges: JSON.parse(row.challenges),
    wishes: JSON.parse(row.wishes),
    notes: row.notes,
  };
}

function count(db: Db, sqlText: string, districtId: number, year: number): number {
  return prepared<{ n: number }>(db, sqlText).get(districtId, String(year))?.n ?? 0;
}

/** Everything about a district's year except the agreement lines, which are streamed. */
export function districtSection(db: Db, district: DistrictRow, year: number): DistrictSection {
  const meeting = meetingOfYear(db, district, year);
  const previousMeeting = meetingOfYear(db, district, year - 1);
  const mapping = mappingOf(db, district.id, year);
  const previousMapping = mappingOf(db, district.id, year - 1);
  return {
    code: district.code,
    name: district.name,
    municipalityCount: district.municipalityCount,
    meeting,
    mapping,
    agreementCounts: prepared<DistrictSection['agreementCounts'][number]>(db, AGREEMENT_COUNTS).all(
      district.id,
      yearEnd(year),
    ),
    barriers: prepared<BarrierLine>(db, BARRIERS).all(district.id, yearEnd(year), `${year}-01-01`),
    changes: {
      previousForumLevel: previousMapping?.forumLevel ?? null,
      forumLevel: mapping?.forumLevel ?? null,
      previousPeople: previousMeeting ? previousMeeting.figures.people : null,
      people: meeting ? meeting.figures.people : null,
      newAgreements: count(db, NEW_AGREEMENTS, district.id, year),
      newBarriers: count(db, NEW_BARRIERS, district.id, year),
      barriersResolved: count(db, RESOLVED_BARRIERS, district.id, year),
    },
  };
}

export function buildAgreementsReport(db: Db, options: ReportOptions): AgreementsReport {
  return {
    kind: 'agreements',
    year: options.year,
    lang: options.lang,
    generatedAt: new Date().toISOString(),
    district: options.district ?? null,
    sections: districtsOf(db, options.district).map((d) => districtSection(db, d, options.year)),
  };
}

const AGREEMENT_LINES = `
  SELECT a.id, d.code AS districtCode, d.name AS districtName, a.type, a.title, a.status, a.agreed_on AS agreedOn,
         a.review_on AS reviewOn,
         CASE WHEN a.all_municipalities = 0 THEN (SELECT group_concat(o.name, ', ') FROM agreement_municipality am
              JOIN organisation o ON o.id = am.municipality_id WHERE am.agreement_id = a.id) END AS municipalities,
         (SELECT group_concat(p.name, ', ') FROM agreement_contact ac JOIN person p ON p.id = ac.person_id
           WHERE ac.agreement_id = a.id) AS contacts,
         (SELECT group_concat(ab.barrier_id, ', ') FROM agreement_barrier ab WHERE ab.agreement_id = a.id) AS barrierIds
  FROM organisation d CROSS JOIN agreement a ON a.district_id = d.id
  WHERE d.kind = 'police_district' AND (:district IS NULL OR d.code = :district) AND ${AGREEMENT_START} <= :yearEnd
  ORDER BY d.code, a.type, a.status, a.id`;

/**
 * The agreement lines, one at a time, from a connection of their own: the export may take seconds
 * and streams with back-pressure, while the service's connection keeps serving other requests
 * (better-sqlite3 refuses other statements on a connection that is iterating).
 */
export function* agreementLines(
  db: Db,
  options: Pick<ReportOptions, 'year' | 'district'>,
): Generator<AgreementLine> {
  const file = db.$client.name;
  const own = file && file !== ':memory:' && !db.$client.memory;
  const conn = own ? new Database(file, { readonly: true, fileMustExist: true }) : db.$client;
  try {
    const rows = conn.prepare(AGREEMENT_LINES).iterate({
      district: options.district ?? null,
      yearEnd: yearEnd(options.year),
    }) as IterableIterator<AgreementLine>;
    yield* rows;
  } finally {
    if (own) conn.close();
  }
}

export interface NationalRow {
  code: string;
  name: string;
  meetingHeld: boolean;
  meetingDate: string | null;
  people: number;
  organisationsRepresented: number;
  memberOrganisations: number;
  forumLevel: ForumLevel | null;
  inForceByType: Record<AgreementType, number>;
  inForce: number;
  openBarriers: number;
  resolvedBarriers: number;
}

export interface NationalReport {
  kind: 'national';
  year: number;
  lang: Language;
  generatedAt: string;
  rows: NationalRow[];
  totals: Omit<NationalRow, 'code' | 'name' | 'meetingDate' | 'forumLevel' | 'meetingHeld'> & {
    meetingsHeld: number;
  };
  previous: { rows: NationalRow[]; totals: NationalReport['totals'] };
}

/** In force at the end of a year: in force (or being revised) now, and agreed by then. */
const IN_FORCE = `
  SELECT a.district_id AS districtId, a.type, count(*) AS n FROM agreement a
  WHERE a.status IN ('in_force', 'under_revision') AND ${AGREEMENT_START} <= ? GROUP BY a.district_id, a.type`;
/** Open at the end of a year: raised by then, not resolved by then. */
const OPEN_BARRIERS = `
  SELECT district_id AS districtId, count(*) AS n FROM barrier
  WHERE raised_on <= ? AND (resolved_on IS NULL OR resolved_on > ?) GROUP BY district_id`;
const RESOLVED_IN_YEAR = `
  SELECT district_id AS districtId, count(*) AS n FROM barrier WHERE substr(resolved_on, 1, 4) = ? GROUP BY district_id`;

function isHeld(m: MeetingSummary | null, now: string): boolean {
  return m !== null && (m.status === 'held' || m.endsAt < now);
}

function nationalRows(db: Db, year: number): { rows: NationalRow[]; totals: NationalReport['totals'] } {
  const now = new Date().toISOString();
  const inForce = new Map<number, Record<AgreementType, number>>();
  for (const r of prepared<{
    districtId: number;
    type: AgreementType;
    n: number;
  }>(db, IN_FORCE).all(yearEnd(year))) {
    const byType = inForce.get(r.districtId) ?? emptyByType();
    byType[r.type] = r.n;
    inForce.set(r.districtId, byType);
  }
  const open = new Map(
    prepared<{ districtId: number; n: number }>(db, OPEN_BARRIERS)
      .all(yearEnd(year), yearEnd(year))
      .map((r) => [r.districtId, r.n]),
  );
  const resolved = new Map(
    prepared<{ districtId: number; n: number }>(db, RESOLVED_IN_YEAR)
      .all(String(year))
      .map((r) => [r.districtId, r.n]),
  );
  const rows = districtsOf(db).map((d): NationalRow => {
    const meeting = meetingOfYear(db, d, year);
    const byType = inForce.get(d.id) ?? emptyByType();
    return {
      code: d.code,
      name: d.name,
      meetingHeld: isHeld(meeting, now),
      meetingDate: meeting ? meeting.startsAt : null,
      people: meeting?.figures.people ?? 0,
      organisationsRepresented: meeting?.figures.memberOrganisationsRepresented ?? 0,
      memberOrganisations: meeting?.figures.memberOrganisations ?? d.municipalityCount + 1,
      forumLevel: mappingOf(db, d.id, year)?.forumLevel ?? null,
      inForceByType: byType,
      inForce: Object.values(byType).reduce((a, b) => a + b, 0),
      openBarriers: open.get(d.id) ?? 0,
      resolvedBarriers: resolved.get(d.id) ?? 0,
    };
  });
  const totals: NationalReport['totals'] = {
    meetingsHeld: rows.filter((r) => r.meetingHeld).length,
    people: 0,
    organisationsRepresented: 0,
    memberOrganisations: 0,
    inForceByType: emptyByType(),
    inForce: 0,
    openBarriers: 0,
    resolvedBarriers: 0,
  };
  for (const r of rows) {
    totals.people += r.people;
    totals.organisationsRepresented += r.organisationsRepresented;
    totals.memberOrganisations += r.memberOrganisations;
    for (const t of agreementTypes) totals.inForceByType[t] += r.inForceByType[t];
    totals.inForce += r.inForce;
    totals.openBarriers += r.openBarriers;
    totals.resolvedBarriers += r.resolvedBarriers;
  }
  return { rows, totals };
}

function emptyByType(): Record<AgreementType, number> {
  return Object.fromEntries(agreementTypes.map((t) => [t, 0])) as Record<AgreementType, number>;
}

export function buildNationalReport(db: Db, options: Pick<ReportOptions, 'year' | 'lang'>): NationalReport {
  return {
    kind: 'national',
    year: options.year,
    lang: options.lang,
    generatedAt: new Date().toISOString(),
    ...nationalRows(db, options.year),
    previous: nationalRows(db, options.year - 1),
  };
}
