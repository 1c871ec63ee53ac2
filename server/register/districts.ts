import type { Db } from '../../db/client.ts';
import {
  type DistrictRow,
  districtByCode,
  districtMembers,
  districtRows,
  type MunicipalityRow,
  municipalityRows,
} from './queries/organisations.ts';
import type { District } from './schemas.ts';

export function listDistricts(db: Db): (DistrictRow & { municipalityCount: number })[] {
  return districtRows(db);
}

export function getDistrict(db: Db, code: string): District | null {
  const district = districtByCode(db, code);
  if (!district) return null;
  const members = districtMembers(db, district.areaId);
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

export function listMunicipalities(db: Db, districtCode?: string): MunicipalityRow[] {
  return municipalityRows(db, districtCode ?? null);
}
