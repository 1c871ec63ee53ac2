import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { area, areaMember, organisation, role } from '../schema/index.ts';
import reference from './dk-police-districts.json' with { type: 'json' };
import { danishProgrammeId, seedProgrammes } from './programmes.ts';
import { danishRoles } from './roles.ts';
import { seedThemes } from './themes.ts';

/** Source: a copy of the project's reference file dk-police-districts.json (DAWA/DAGI codes; see its source_notes). */
const POLICE_DISTRICT_AREA = 'police_district';

export interface SeedReport {
  created: number;
  updated: number;
  unchanged: number;
  keptEdited: number;
}

type OrganisationSeed = Pick<
  typeof organisation.$inferInsert,
  'kind' | 'name' | 'code' | 'region' | 'address'
> & {
  seedKey: string;
};

/**
 * Loads the Danish reference data. Idempotent: rows are found by their seed key; an unedited row is
 * brought back to the reference values, a row a facilitator edited is left alone.
 */
export function seedReferenceData(db: Db, now = new Date().toISOString()): SeedReport {
  const report: SeedReport = { created: 0, updated: 0, unchanged: 0, keptEdited: 0 };

  /**
   * `englishAddress`: the reference file's English note an earlier seed wrote as the address ("+ satellite
   * Hillerød"); it is replaced by the Danish address even on a row a facilitator edited otherwise.
   */
  const upsertOrganisation = (seed: OrganisationSeed, englishAddress?: string): number => {
    const existing = db.select().from(organisation).where(eq(organisation.seedKey, seed.seedKey)).get();
    if (!existing) {
      report.created++;
      return db
        .insert(organisation)
        .values({ ...seed, createdAt: now, updatedAt: now })
        .returning({ id: organisation.id })
        .get().id;
    }
    if (existing.editedAt) {
      if (englishAddress && englishAddress !== seed.address && existing.address === englishAddress) {
        report.updated++;
        db.update(organisation)
          .set({ address: seed.address, updatedAt: now, version: existing.version + 1 })
          .where(eq(organisation.id, existing.id))
          .run();
      } else report.keptEdited++;
      return existing.id;
    }
    const differs = (Object.keys(seed) as (keyof OrganisationSeed)[]).some((k) => existing[k] !== seed[k]);
    if (differs) {
      report.updated++;
      db.update(organisation)
        .set({ ...seed, updatedAt: now, version: existing.version + 1 })
        .where(eq(organisation.id, existing.id))
        .run();
    } else report.unchanged++;
    return existing.id;
  };

  db.transaction(() => {
    report.created += seedProgrammes(db, now);
    const programmeId = danishProgrammeId(db);
    for (const r of danishRoles) {
      const seedKey = `dk:role:${r.key}`;
      const existing = db.select().from(role).where(eq(role.seedKey, seedKey)).get();
      if (!existing) {
        db.insert(role)
          .values({ ...r, seedKey, createdAt: now, updatedAt: now })
          .run();
        report.created++;
      } else report.unchanged++;
    }

    const municipalityIds = new Map<string, number>();
    const districtIds = new Map<string, number>();
    for (const d of reference.police_districts) {
      districtIds.set(
        d.code,
        upsertOrganisation({
          seedKey: `dk:politikreds:${d.code}`,
          kind: 'police_district',
          name: d.name,
          code: d.code,
          region: null,
          address: d.headquarters,
        }),
      );
      for (const m of d.municipalities) {
        municipalityIds.set(
          m.code,
          upsertOrganisation({
            seedKey: `dk:kommune:${m.code}`,
            kind: 'municipality',
            name: m.name,
            code: m.code,
            region: m.region,
            address: null,
          }),
        );
      }
    }

    const houseIdsByMunicipality = new Map<string, number>();
    for (const h of reference.childrens_houses) {
      const id = upsertOrganisation(
        {
          seedKey: `dk:boernehus:${h.region_served}`,
          kind: 'childrens_house',
          name: h.name,
          code: null,
          region: h.region_served,
          address: h.address,
        },
        h.locations,
      );
      for (const code of h.municipalities_served) houseIdsByMunicipality.set(code, id);
    }

    for (const d of reference.police_districts) {
      const seedKey = `dk:area:politikreds:${d.code}`;
      const districtId = districtIds.get(d.code)!;
      let areaRow = db.select().from(area).where(eq(area.seedKey, seedKey)).get();
      if (!areaRow) {
        areaRow = db
          .insert(area)
          .values({
            seedKey,
            name: d.name,
            kind: POLICE_DISTRICT_AREA,
            programmeId,
            convenerId: districtId,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        report.created++;
      } else report.unchanged++;

      const members: { organisationId: number; memberRole: 'convener' | 'member' | 'support' }[] = [
        { organisationId: districtId, memberRole: 'convener' },
        ...d.municipalities.map((m) => ({
          organisationId: municipalityIds.get(m.code)!,
          memberRole: 'member' as const,
        })),
      ];
      const houses = new Set(
        d.municipalities.map((m) => houseIdsByMunicipality.get(m.code)).filter((id) => id !== undefined),
      );
      for (const houseId of houses) members.push({ organisationId: houseId, memberRole: 'support' });

      for (const member of members) {
        // A membership a facilitator removed on purpose would come back here; that is the price of
        // a reference data set that repairs itself, and removal of reference members is not offered.
        db.insert(areaMember)
          .values({ areaId: areaRow.id, areaKind: POLICE_DISTRICT_AREA, ...member })
          .onConflictDoNothing()
          .run();
      }
    }
    const themes = seedThemes(db, now, programmeId);
    report.created += themes.created;
    report.unchanged += themes.unchanged;
  });
  return report;
}
