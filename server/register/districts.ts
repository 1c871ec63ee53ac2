import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import type { District } from './schemas.ts';

/** Police districts with the area they convene (the Danish convening areas). */
const DISTRICT_COLUMNS = `
  SELECT o.id, o.code, o.name, o.address AS headquarters, a.id AS areaId
  FROM organisation o JOIN area a ON a.convener_id = o.id AND a.kind = 'police_district'
  WHERE o.kind = 'police_district'`;

const LIST_SQL = `
  SELECT d.*, (SELECT count(*) FROM area_member m WHERE m.area_id = d.areaId AND m.member_role = 'member') AS municipalityCount
  FROM (${DISTRICT_COLUMNS}) d ORDER BY d.code`;
const ONE_SQL = `${DISTRICT_COLUMNS} AND o.code = ?`;
const MEMBERS_SQL = `
  SELECT o.id, o.kind, o.code, o.name, o.region, o.address
  FROM area_member m JOIN organisation o ON o.id = m.organisation_id
  WHERE m.area_id = ? AND m.member_role IN ('member', 'support') ORDER BY o.name`;
const MUNICIPALITIES_SQL = `
  SELECT o.id, o.code, o.name, o.region, d.code AS districtCode
  FROM organisation o
  JOIN area_member m ON m.organisation_id = o.id AND m.member_role = 'member' AND m.area_kind = 'police_district'
  JOIN area a ON a.id = m.area_id JOIN organisation d ON d.id = a.convener_id
  WHERE o.kind = 'municipality' AND (:district IS NULL OR d.code = :district)
  ORDER BY o.name`;

interface DistrictRow {
  id: number;
  code: string;
  name: string;
  headquarters: string | null;
  areaId: number;
}

export function listDistricts(db: Db): (DistrictRow & { municipalityCount: number })[] {
  return prepared<DistrictRow & { municipalityCount: number }>(db, LIST_SQL).all();
}

export function getDistrict(db: Db, code: string): District | null {
  const district = prepared<DistrictRow>(db, ONE_SQL).get(code);
  if (!district) return null;
  const members = prepared<{
    id: number;
    kind: string;
    code: string | null;
    name: string;
    region: string | null;
    address: string | null;
  }>(db, MEMBERS_SQL).all(district.areaId);
  const municipalities: District['municipalities'] = [];
  const childrensHouses: District['childrensHouses'] = [];
  for (const m of members) {
    if (m.kind === 'municipality')
      municipalities.push({
        id: m.id,
        code: m.code ?? '',
        name: m.name,
        region: m.region,
        districtCode: district.code,
      });
    else if (m.kind === 'childrens_house')
      childrensHouses.push({ id: m.id, kind: m.kind, name: m.name, code: m.code, address: m.address });
  }
  return { ...district, municipalityCount: municipalities.length, municipalities, childrensHouses };
}

export function listMunicipalities(db: Db, districtCode?: string) {
  return prepared<{
    id: number;
    code: string;
    name: string;
    region: string | null;
    districtCode: string;
  }>(db, MUNICIPALITIES_SQL).all({ district: districtCode ?? null });
}
