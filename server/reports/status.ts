/**
 * How a year and a district's meetings stand, read across planning, invitations and outcomes for
 * the overview and district pages.
 */
import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';

export interface DistrictYearRow {
  districtId: number;
  code: string;
  name: string;
  areaId: number;
  meetingId: number | null;
  startsAt: string | null;
  status: string | null;
  accepted: number;
  declined: number;
  noAnswer: number;
  municipalities: number;
  covered: number;
  /** Invitations sent for the meeting: before any, coverage is about the register, not about people invited. */
  invitationsSent: number;
  failedEmails: number;
  /** From the outcomes records; null while that part of the service is not installed. */
  outcomes: DistrictOutcomes | null;
}

export interface DistrictOutcomes {
  agreementsInForce: number;
  openBarriers: number;
  /** Agreements whose review date has come or comes within 30 days. */
  dueForReview: number;
}

/**
 * One row per police district for a year: its (first) meeting and how the invitations stand.
 * A municipality counts as covered when someone from it is invited (or, before inviting, when the
 * register holds someone in the default audience for it).
 */
const YEAR_SQL = `
  WITH d AS (
    SELECT o.id AS districtId, o.code, o.name, a.id AS areaId FROM organisation o
    JOIN area a ON a.convener_id = o.id AND a.kind = 'police_district'
    WHERE o.kind = 'police_district'),
  m AS (
    SELECT mt.id, mt.area_id, mt.starts_at, mt.status,
           row_number() OVER (PARTITION BY mt.area_id ORDER BY mt.status = 'cancelled', mt.starts_at) AS n
    FROM meeting mt JOIN cycle c ON c.id = mt.cycle_id
    WHERE c.year = :year AND c.area_kind = 'police_district')
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
  ORDER BY d.code`;

const OUTCOMES_SQL = `
  SELECT o.id AS districtId,
    (SELECT count(*) FROM agreement g WHERE g.district_id = o.id AND g.status IN ('agreed', 'in_force')) AS agreementsInForce,
    (SELECT count(*) FROM barrier b WHERE b.district_id = o.id AND b.status IN ('open', 'being_addressed')) AS openBarriers,
    (SELECT count(*) FROM agreement g WHERE g.district_id = o.id AND g.status IN ('agreed', 'in_force', 'under_revision')
       AND g.review_on IS NOT NULL AND g.review_on <= :reviewBy) AS dueForReview
  FROM organisation o WHERE o.kind = 'police_district'`;

export function yearOverview(db: Db, year: number, today = new Date()): DistrictYearRow[] {
  const rows = prepared<Omit<DistrictYearRow, 'outcomes'>>(db, YEAR_SQL).all({ year });
  let outcomes = new Map<number, DistrictOutcomes>();
  const installed = hasTable(db, 'agreement') && hasTable(db, 'barrier');
  if (installed) {
    const reviewBy = new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    outcomes = new Map(
      prepared<DistrictOutcomes & { districtId: number }>(db, OUTCOMES_SQL)
        .all({ reviewBy })
        .map(({ districtId, ...o }) => [districtId, o]),
    );
  }
  return rows.map((r) => ({ ...r, outcomes: installed ? (outcomes.get(r.districtId) ?? null) : null }));
}

export function plannedYears(db: Db): number[] {
  return prepared<{
    year: number;
  }>(db, "SELECT DISTINCT year FROM cycle WHERE area_kind = 'police_district' ORDER BY year")
    .all()
    .map((r) => r.year);
}

/** Whether a table exists: pages show outcome columns only once the outcomes schema is there. */
export function hasTable(db: Db, name: string): boolean {
  return (
    prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
  );
}

export interface DistrictMeetingLine {
  id: number;
  year: number | null;
  startsAt: string;
  status: string;
  venueName: string | null;
  accepted: number;
  invited: number;
}

/** Every meeting of an area, newest first, with how many are invited and have accepted. */
export function areaMeetingHistory(db: Db, areaId: number): DistrictMeetingLine[] {
  return prepared<DistrictMeetingLine>(
    db,
    `SELECT m.id, c.year, m.starts_at AS startsAt, m.status, m.venue_name AS venueName,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL AND i.response = 'accepted') AS accepted,
       (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.withdrawn_at IS NULL) AS invited
     FROM meeting m LEFT JOIN cycle c ON c.id = m.cycle_id WHERE m.area_id = ? ORDER BY m.starts_at DESC`,
  ).all(areaId);
}
