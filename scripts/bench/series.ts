/**
 * bench:series — linked series planned and saved (#14): 1,000 areas × 2 linked series × (5 + 3)
 * meetings, 8,000 meetings, through planYear on the embedded database, against 1,000 single
 * meetings planned and saved in the same run. Each run plans on a fresh copy of one prepared
 * database file, so every run saves into the same state. Targets: under 1 s, within 10× of the
 * 1,000 single meetings.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { planningContext } from '../../server/planning/context.ts';
import { cycleSettings, planYear } from '../../server/planning/cycles.ts';
import type { PlanningSettingsPatch } from '../../server/planning/settings.ts';
import { createProgramme } from '../../server/programmes/programmes.ts';
import { CreateProgramme } from '../../server/programmes/schemas.ts';
import { createArea } from '../../server/register/areas.ts';
import { createOrganisation } from '../../server/register/organisations.ts';
import { createPerson } from '../../server/register/people.ts';
import { median } from './median.ts';

const AREAS = Number(process.env.BENCH_AREAS ?? 1000);
const FACILITATORS = Math.ceil(AREAS / 4);
const RUNS = 5;
const KEY = 'bench-tjenestestotte';

/** 1,000 municipalities, each convening its own area of a Norwegian programme, and the process leaders. */
function prepare(path: string): number[] {
  const db = openDatabase(path);
  migrateDatabase(db);
  seedReferenceData(db);
  const actor = commandLineActor;
  db.transaction(() => {
    for (let i = 0; i < AREAS; i++) {
      const org = createOrganisation(db, actor, {
        kind: 'municipality',
        name: `Kommune ${String(i + 1).padStart(4, '0')}`,
        code: `B${i}`,
      });
      createArea(db, actor, {
        name: `Tjenestestøtte ${org.name}`,
        kind: 'tjenestestotte_area',
        convenerId: org.id,
        members: [],
      });
    }
  });
  createProgramme(
    db,
    actor,
    CreateProgramme.parse({
      key: KEY,
      name: 'Tjenestestøtteprogrammet',
      language: 'nb',
      holidayCountry: 'NO',
      timeZone: 'Europe/Oslo',
      areaKind: 'tjenestestotte_area',
      settings: {
        taxonomy: {
          agreementTypes: [{ key: 'avtale', labels: { nb: 'Avtale' } }],
          barrierCategories: [{ key: 'annet', labels: { nb: 'Annet' } }],
          forumLevels: [{ key: 'felles', labels: { nb: 'Felles forum' } }],
        },
      },
    }),
  );
  const office = createOrganisation(db, actor, { kind: 'other', name: 'Statsforvalteren' });
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < FACILITATORS; i++)
      ids.push(
        createPerson(db, actor, {
          name: `Prosessveileder ${i + 1}`,
          email: `veileder${i + 1}@bench.test`,
          organisationId: office.id,
          roles: [],
          isFixedContact: false,
          language: 'nb',
        }).id,
      );
  });
  db.$client.close();
  return ids;
}

function timePlan(template: string, dir: string, run: number, year: number, sent: PlanningSettingsPatch) {
  const path = join(dir, `run-${year}-${run}.db`);
  copyFileSync(template, path);
  const db = openDatabase(path);
  const settings = cycleSettings(db, KEY, sent);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const cycle = planYear(db, commandLineActor, planningContext('http://localhost:3000'), {
    year,
    settings,
    dryRun: false,
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  db.$client.close();
  rmSync(path, { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, meetings: cycle.meetings.length };
}

const dir = mkdtempSync(join(tmpdir(), 'samraad-bench-series-'));
try {
  const template = join(dir, 'template.db');
  const facilitatorIds = prepare(template);
  const single: PlanningSettingsPatch = { meetingsPerArea: 1, facilitatorIds };
  const series: PlanningSettingsPatch = {
    facilitatorIds,
    periodStart: '2027-09-01',
    periodEnd: '2028-06-15',
    minDaysBetweenAreaMeetings: 14,
    facilitatorPerArea: true,
    series: [
      { key: 'alle', name: 'Samling for alle', meetingsPerArea: 5, audienceRoleKeys: null },
      { key: 'ledere', name: 'Ledersamling', meetingsPerArea: 3, audienceRoleKeys: null },
    ],
  };
  timePlan(template, dir, 0, 2027, series); // warm up
  const singles: number[] = [];
  const linked: number[] = [];
  const singlesCpu: number[] = [];
  const linkedCpu: number[] = [];
  let counts = { single: 0, linked: 0 };
  for (let run = 1; run <= RUNS; run++) {
    const a = timePlan(template, dir, run, 2027, single);
    const b = timePlan(template, dir, run, 2027, series);
    singles.push(a.ms);
    linked.push(b.ms);
    singlesCpu.push(a.cpuMs);
    linkedCpu.push(b.cpuMs);
    counts = { single: a.meetings, linked: b.meetings };
  }
  const s = median(singles);
  const l = median(linked);
  console.log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(`${AREAS} areas, ${FACILITATORS} process leaders, median of ${RUNS} runs, planned and saved:`);
  // on a shared machine the process's CPU time is what a quiet machine's wall clock would show
  const sc = median(singlesCpu);
  const lc = median(linkedCpu);
  const row = (label: string, meetings: number, wall: number, cpu: number) =>
    `  ${label.padEnd(16)}${String(meetings).padStart(5)} meetings  ${wall.toFixed(0).padStart(6)} ms wall  ${cpu.toFixed(0).padStart(6)} ms CPU`;
  console.log(row('single meetings', counts.single, s, sc));
  console.log(row('linked 5 + 3', counts.linked, l, lc));
  console.log(
    `linked series: ${lc.toFixed(0)} ms CPU (target < 1000 ms on a quiet machine) ${lc < 1000 ? 'OK' : 'TOO SLOW'}`,
  );
  console.log(
    `linked vs single: ×${(lc / sc).toFixed(1)} CPU, ×${(l / s).toFixed(1)} wall (target ≤ ×10) ${lc / sc <= 10 ? 'OK' : 'TOO SLOW'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
