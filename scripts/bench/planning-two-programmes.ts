import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { cycleSettings, previewYear } from '../../server/planning/cycles.ts';
import { loadProgrammeFile } from '../../server/programmes/load.ts';
import { findPersonIdByEmail } from '../../server/register/people.ts';

/**
 * A second programme in the same database: 1,000 areas of a Norwegian programme (bokmål, Norwegian
 * holidays, Europe/Oslo), loaded from a programme file beside the seeded Danish one and planned
 * through the same domain function as POST /api/cycles (a dry run: register reads, planner and
 * explanations in bokmål); the Danish 12 districts are planned the same way for comparison.
 */
function secondProgrammeFile(n: number) {
  const pad = (i: number) => String(i + 1).padStart(4, '0');
  const organisations: object[] = [{ ref: 'eier', kind: 'other', name: 'Benk-eier' }];
  const areas: object[] = [];
  for (let i = 0; i < n; i++) {
    organisations.push(
      { ref: `k-${pad(i)}`, kind: 'local_police_unit', name: `Enhet ${pad(i)}` },
      { ref: `a-${pad(i)}`, kind: 'borough', name: `Bydel ${pad(i)} A` },
      { ref: `b-${pad(i)}`, kind: 'borough', name: `Bydel ${pad(i)} B` },
    );
    areas.push({
      name: `Område ${pad(i)}`,
      convener: `k-${pad(i)}`,
      members: [{ organisation: `a-${pad(i)}` }, { organisation: `b-${pad(i)}` }],
    });
  }
  const people = Array.from({ length: Math.ceil(n / 40) + 1 }, (_, i) => ({
    name: `Fasilitator ${i + 1}`,
    email: `fasilitator${i + 1}@benk.example`,
    organisation: 'eier',
    roles: ['benk-fasilitator'],
  }));
  const entry = (key: string) => [{ key, labels: { nb: key } }];
  return {
    format: 'samraad-programme/1',
    programme: {
      key: 'no-benk',
      name: 'Benkprogram',
      owner: 'eier',
      language: 'nb',
      holidayCountry: 'NO',
      timeZone: 'Europe/Oslo',
      areaKind: 'bench_area',
      settings: {
        taxonomy: { agreementTypes: entry('a'), barrierCategories: entry('b'), forumLevels: entry('f') },
        planning: { blackoutWeeks: [8, 40] },
      },
    },
    catalogues: {
      roles: [
        {
          key: 'benk-fasilitator',
          name: 'Fasilitator',
          nameEn: 'Facilitator',
          level: 'practice',
          side: 'other',
        },
      ],
    },
    organisations,
    areas,
    people,
  };
}

function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'samraad-bench-'));
try {
  const db = openDatabase(join(dir, 'samraad.db'));
  migrateDatabase(db);
  seedReferenceData(db);
  const file = secondProgrammeFile(1000);
  const loadStart = performance.now();
  loadProgrammeFile(db, commandLineActor, file);
  const loadMs = performance.now() - loadStart;
  const facilitatorIds = file.people.map((p) => findPersonIdByEmail(db, p.email)!);
  const plan = (key: string, settings: object) => {
    const result = previewYear(db, { year: 2027, settings: cycleSettings(db, key, settings), dryRun: true });
    return result.meetings.length;
  };
  const norwegian = () => plan('no-benk', { facilitatorIds });
  const danish = () => plan('dk-politikredsmoeder', {});
  const counts = { danish: danish(), norwegian: norwegian() }; // warm up
  const danishMs = medianMs(5, danish);
  const norwegianMs = medianMs(5, norwegian);
  console.log('\nTwo programmes in one database (planned as POST /api/cycles with dryRun, median of 5):');
  console.log(`  loading the second programme's file (${file.areas.length} areas): ${loadMs.toFixed(0)} ms`);
  console.log(`  dk-politikredsmoeder: ${counts.danish} meetings in ${danishMs.toFixed(1)} ms`);
  console.log(
    `  no-benk (nb, NO holidays): ${counts.norwegian} meetings in ${norwegianMs.toFixed(1)} ms (target < 1000 ms) ${norwegianMs < 1000 ? 'OK' : 'TOO SLOW'}`,
  );
  db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
