import type { Db } from '../../db/client.ts';
import { prepared } from './prepared.ts';
import type { District } from './schemas.ts';

/** Police districts with the area they convene (the Danish convening areas). */
const DISTRICTS_SQL = `
  SELECT o.id, o.code, o.name, o.address AS headquarters, a.id AS areaId,
         (SELECT count(*) FROM area_member m WHERE m.area_id = a.id AND m.member_role = 'member') AS municipalityCount
  FROM organisation o JOIN area a ON a.convener_id = o.id AND a.kind = 'police_district'
  WHERE o.kind = 'police_district'`;

interface DistrictRow {
  id: number;
  code: string;
  name: string;
  headquarters: string | null;
  areaId: number;
  municipalityCount: number;
}

export function listDistricts(db: Db): DistrictRow[] {
  return prepared(db, `${DISTRICTS_SQL} ORDER BY o.code`).all() as DistrictRow[];
}

export function getDistrict(db: Db, code: string): District | null {
  const district = prepared(db, `${DISTRICTS_SQL} AND o.code = ?`).get(code) as DistrictRow | undefined;
  if (!district) return null;
  const members = prepared(
    db,
    `SELECT o.id, o.kind, o.code, o.name, o.region, o.address
     FROM area_member m JOIN organisation o ON o.id = m.organisation_id
     WHERE m.area_id = ? AND o.kind IN ('municipality', 'childrens_house') ORDER BY o.name`,
  ).all(district.areaId) as {
    id: number;
    kind: 'municipality' | 'childrens_house';
    code: string | null;
    name: string;
    region: string | null;
    address: string | null;
  }[];
  return {
    ...district,
    municipalities: members
      .filter((m) => m.kind === 'municipality')
      .map((m) => ({
        id: m.id,
        code: m.code ?? '',
        name: m.name,
        region: m.region,
        districtCode: district.code,
      })),
    childrensHouses: members
      .filter((m) => m.kind === 'childrens_house')
      .map((m) => ({ id: m.id, kind: m.kind, name: m.name, code: m.code, address: m.address })),
  };
}

export function listMunicipalities(db: Db, districtCode?: string) {
  return prepared(
    db,
    `SELECT o.id, o.code, o.name, o.region, d.code AS districtCode
     FROM organisation o
     JOIN area_member m ON m.organisation_id = o.id AND m.member_role = 'member' AND m.area_kind = 'police_district'
     JOIN area a ON a.id = m.area_id JOIN organisation d ON d.id = a.convener_id
     WHERE o.kind = 'municipality' AND (:district IS NULL OR d.code = :district)
     ORDER BY o.name`,
  ).all({ district: districtCode ?? null }) as {
    id: number;
    code: string;
    name: string;
    region: string | null;
    districtCode: string;
  }[];
}
