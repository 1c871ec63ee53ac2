/**
 * How a year and a district's meetings stand, read across planning, invitations and outcomes for
 * the overview and district pages.
 */
import type { Db } from '../../db/client.ts';
import {
  areaMeetingLines,
  cycleYearsOfKind,
  districtOutcomeCounts,
  districtYearRows,
  type ReportScope,
  tableExists,
} from './queries.ts';

/** Which programme's areas a status covers (the Danish one: the police districts). */
export type StatusScope = ReportScope;

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

export function yearOverview(
  db: Db,
  year: number,
  scope: StatusScope,
  today = new Date(),
): DistrictYearRow[] {
  const rows = districtYearRows(db, year, scope);
  let outcomes = new Map<number, DistrictOutcomes>();
  const installed = hasTable(db, 'agreement') && hasTable(db, 'barrier');
  if (installed) {
    const reviewBy = new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    outcomes = new Map(districtOutcomeCounts(db, reviewBy, scope).map(({ areaId, ...o }) => [areaId, o]));
  }
  return rows.map((r) => ({ ...r, outcomes: installed ? (outcomes.get(r.areaId) ?? null) : null }));
}

export function plannedYears(db: Db, areaKind = 'police_district'): number[] {
  return cycleYearsOfKind(db, areaKind);
}

/** Whether a table exists: pages show outcome columns only once the outcomes schema is there. */
export function hasTable(db: Db, name: string): boolean {
  return tableExists(db, name);
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
  return areaMeetingLines(db, areaId);
}
