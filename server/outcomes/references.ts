import type { Db } from '../../db/client.ts';
import type { DbOrTx } from '../../db/statements.ts';
import { badRequest, notFound } from '../http/problems.ts';
import { findMeetingRecord, type MeetingRecord, meetingRecord } from '../planning/meetings.ts';

import {
  type ProgrammeRow,
  programmeForArea,
  type Taxonomy,
  taxonomyLabel,
  taxonomyOf,
} from '../programmes/programmes.ts';
import {
  areaWithId,
  countPeople,
  type DistrictRef,
  districtWithCode,
  type MunicipalityRef,
  municipalitiesOfArea,
} from './queries/references.ts';

export type { DistrictRef, MunicipalityRef };

/** A police district by its code; a wrong code in a body is the client's error (400), in a path 404. */
export function districtByCode(db: Db, code: string, field?: string): DistrictRef {
  const row = districtWithCode(db, code);
  if (row) return row;
  if (field)
    throw badRequest(`No police district has code ${code}`, [{ field, message: 'unknown district' }]);
  throw notFound('Police district', code);
}

/** The area an outcome row belongs to (its area_id), with its convener. */
export function areaOfOutcome(db: Db, areaId: number): DistrictRef {
  const row = areaWithId(db, areaId);
  if (!row) throw notFound('Area', areaId);
  return row;
}

/**
 * The area a body names: `districtCode` (a Danish police district, as clients always sent) or
 * `areaId` (any programme's area), exactly one of them.
 */
export function outcomeArea(db: Db, input: { districtCode?: string; areaId?: number }): DistrictRef {
  if (input.districtCode !== undefined && input.areaId !== undefined)
    throw badRequest('Name the area once: either districtCode or areaId', [
      { field: 'body.areaId', message: 'give either areaId or districtCode, not both' },
    ]);
  if (input.districtCode !== undefined) return districtByCode(db, input.districtCode, 'body.districtCode');
  if (input.areaId === undefined)
    throw badRequest('Name the area: areaId (or districtCode for a Danish police district)', [
      { field: 'body.areaId', message: 'required unless districtCode is given' },
    ]);
  const area = areaWithId(db, input.areaId);
  if (!area)
    throw badRequest(`No area has id ${input.areaId}`, [{ field: 'body.areaId', message: 'unknown area' }]);
  return area;
}

/** The programme whose taxonomy the area's outcomes use. */
export function programmeOfOutcomeArea(db: Db, area: DistrictRef): ProgrammeRow {
  return programmeForArea(db, { programmeId: area.programmeId, kind: area.areaKind });
}

export function taxonomyOfArea(db: Db, area: DistrictRef): Taxonomy {
  return taxonomyOf(programmeOfOutcomeArea(db, area));
}

export interface TaxonomyNames {
  agreementTypes: { key: string; label: string }[];
  barrierCategories: { key: string; label: string }[];
  forumLevels: { key: string; label: string }[];
}

/** The area's programme taxonomy with each key's name in the reader's language (pages' choices and lists). */
export function taxonomyNamesOfArea(db: Db, areaId: number, lang: string): TaxonomyNames {
  const area = areaWithId(db, areaId);
  if (!area) throw notFound('Area', areaId);
  const taxonomy = taxonomyOfArea(db, area);
  const named = (list: keyof Taxonomy) =>
    taxonomy[list].map((e) => ({ key: e.key, label: taxonomyLabel(taxonomy[list], e.key, lang) }));
  return {
    agreementTypes: named('agreementTypes'),
    barrierCategories: named('barrierCategories'),
    forumLevels: named('forumLevels'),
  };
}

/** A category, agreement type or forum level must be one of the area's programme's keys. */
export function assertTaxonomyKey(
  taxonomy: Taxonomy,
  list: keyof Taxonomy,
  key: string,
  field: string,
  what: string,
): void {
  const keys = taxonomy[list].map((e) => e.key);
  if (!keys.includes(key))
    throw badRequest(`The area's programme has no ${what} ${key}`, [
      { field, message: `one of: ${keys.join(', ')}` },
    ]);
}

/** A meeting as the outcomes need it: the meeting, its area and the area's convener. */
export type MeetingRef = MeetingRecord;

export function findMeeting(db: DbOrTx, id: number): MeetingRef | undefined {
  return findMeetingRecord(db, id);
}

export function meetingById(db: DbOrTx, id: number): MeetingRef {
  return meetingRecord(db, id);
}

/**
 * A meeting named in a body: it must exist and be a meeting of the outcome's area (another area of
 * the same convener is another forum, with its own outcomes).
 */
export function assertMeetingOfArea(db: Db, meetingId: number, areaId: number, field: string): MeetingRef {
  const row = findMeeting(db, meetingId);
  if (!row) throw badRequest(`Meeting ${meetingId} does not exist`, [{ field, message: 'unknown meeting' }]);
  if (row.areaId !== areaId)
    throw badRequest(`Meeting ${meetingId} is not a meeting of this area`, [
      { field, message: 'meeting of another district or area' },
    ]);
  return row;
}

export function municipalitiesOfDistrict(db: Db, area: DistrictRef): MunicipalityRef[] {
  return municipalitiesOfArea(db, area.areaId);
}

/** Municipality codes from a body → ids, each a member of the district. */
export function resolveMunicipalities(
  db: Db,
  district: DistrictRef,
  codes: string[],
  field: string,
): number[] {
  const members = new Map(municipalitiesOfDistrict(db, district).map((m) => [m.code, m.id]));
  const ids: number[] = [];
  for (const code of new Set(codes)) {
    const id = members.get(code);
    if (id === undefined)
      throw badRequest(`Municipality ${code} is not in ${district.name}`, [
        { field, message: `municipality ${code} is not in the district` },
      ]);
    ids.push(id);
  }
  return ids;
}

export function assertPeopleExist(db: Db, ids: number[], field: string): void {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  if (countPeople(db, unique) !== unique.length)
    throw badRequest('Unknown contact person', [{ field, message: 'one or more people do not exist' }]);
}

/** Which side of the table an organisation of this kind sits on. */
export function sideOfKind(
  kind: string,
): 'police' | 'municipal' | 'childrens_house' | 'facilitator' | 'other' {
  switch (kind) {
    case 'police_district':
    case 'local_police_unit':
      return 'police';
    case 'municipality':
      return 'municipal';
    case 'childrens_house':
      return 'childrens_house';
    case 'facilitator_body':
      return 'facilitator';
    default:
      return 'other';
  }
}

/** Today's date in Copenhagen (YYYY-MM-DD): due dates are Danish calendar days. */
export function copenhagenDate(instant: Date | string = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(typeof instant === 'string' ? new Date(instant) : instant);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February plus a year is 28 February
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}
