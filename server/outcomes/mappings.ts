import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, notFound } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import { insertMapping, type MappingRow, mappingOf, updateMappingRow } from './queries/references.ts';
import { districtByCode } from './references.ts';
import type { Mapping, PutMapping } from './schemas.ts';

function toMapping(row: MappingRow, districtCode: string): Mapping {
  const { id: _id, districtId: _d, createdAt: _c, ...rest } = row;
  return { districtCode, ...rest };
}

export function findMapping(db: Db, districtId: number, year: number): MappingRow | undefined {
  return mappingOf(db, districtId, year);
}

export function getMapping(db: Db, code: string, year: number): Mapping {
  const district = districtByCode(db, code);
  const row = findMapping(db, district.id, year);
  if (!row) throw notFound('Mapping', `${code}/${year}`);
  return toMapping(row, district.code);
}

/** Creates the year's mapping (version 0) or replaces it (the version read); stale → 409. */
export function putMapping(
  db: Db,
  actor: Actor,
  code: string,
  year: number,
  input: PutMapping,
): { mapping: Mapping; created: boolean } {
  return db.transaction(() => {
    const district = districtByCode(db, code);
    const before = findMapping(db, district.id, year);
    assertVersion('Mapping', before?.version ?? 0, input.version);
    const { version: _v, ...fields } = input;
    const values = { ...fields, notes: fields.notes ?? null };
    const now = nowIso();
    if (!before) {
      const row = insertMapping(db, {
        districtId: district.id,
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
        changes: { code, year, ...values },
      });
      return { mapping: toMapping(row, district.code), created: true };
    }
    const changes = diff(before, values);
    if (Object.keys(changes).length === 0)
      return { mapping: toMapping(before, district.code), created: false };
    const row = updateMappingRow(db, before.id, {
      ...values,
      version: before.version + 1,
      updatedBy: actor.email,
      updatedAt: now,
    });
    recordAudit(db, actor, { action: 'update', entity: 'mapping', entityId: row.id, changes });
    return { mapping: toMapping(row, district.code), created: false };
  });
}
