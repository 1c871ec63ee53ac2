import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, notFound } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import {
  areaWithId,
  insertMapping,
  type MappingRow,
  mappingOf,
  updateMappingRow,
} from './queries/references.ts';
import { assertTaxonomyKey, type DistrictRef, districtByCode, taxonomyOfArea } from './references.ts';
import type { Mapping, PutMapping } from './schemas.ts';

/** Which area's mapping a path names: a Danish police district by code, or any area by id. */
export type MappingArea = { code: string } | { areaId: number };

function toMapping(row: MappingRow, area: DistrictRef): Mapping {
  const { id: _id, createdAt: _c, ...rest } = row;
  return { districtCode: area.code, ...rest };
}

function areaOf(db: Db, which: MappingArea): DistrictRef {
  if ('code' in which) return districtByCode(db, which.code);
  const area = areaWithId(db, which.areaId);
  if (!area) throw notFound('Area', which.areaId);
  return area;
}

const label = (which: MappingArea) => ('code' in which ? which.code : `area ${which.areaId}`);

export function findMapping(db: Db, areaId: number, year: number): MappingRow | undefined {
  return mappingOf(db, areaId, year);
}

export function getMapping(db: Db, which: MappingArea, year: number): Mapping {
  const area = areaOf(db, which);
  const row = findMapping(db, area.areaId, year);
  if (!row) throw notFound('Mapping', `${label(which)}/${year}`);
  return toMapping(row, area);
}

/** Creates the year's mapping (version 0) or replaces it (the version read); stale → 409. */
export function putMapping(
  db: Db,
  actor: Actor,
  which: MappingArea,
  year: number,
  input: PutMapping,
): { mapping: Mapping; created: boolean } {
  return db.transaction(() => {
    const area = areaOf(db, which);
    assertTaxonomyKey(
      taxonomyOfArea(db, area),
      'forumLevels',
      input.forumLevel,
      'body.forumLevel',
      'forum level',
    );
    const before = findMapping(db, area.areaId, year);
    assertVersion('Mapping', before?.version ?? 0, input.version);
    const { version: _v, ...fields } = input;
    const values = { ...fields, notes: fields.notes ?? null };
    const now = nowIso();
    if (!before) {
      const row = insertMapping(db, {
        areaId: area.areaId,
        year,
        ...values,
        updatedBy: actor.email,
        createdAt: now,
        updatedAt: now,
      });
      recordAudit(db, actor, {
        action: 'create',
        entity: 'mapping',
        entityId: row.id,
        changes: { ...('code' in which ? { code: which.code } : { areaId: which.areaId }), year, ...values },
      });
      return { mapping: toMapping(row, area), created: true };
    }
    const changes = diff(before, values);
    if (Object.keys(changes).length === 0) return { mapping: toMapping(before, area), created: false };
    const row = updateMappingRow(db, before.id, {
      ...values,
      version: before.version + 1,
      updatedBy: actor.email,
      updatedAt: now,
    });
    recordAudit(db, actor, { action: 'update', entity: 'mapping', entityId: row.id, changes });
    return { mapping: toMapping(row, area), created: false };
  });
}
