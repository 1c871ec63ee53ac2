/**
 * bench:reports — the national report and the full agreements export over 100,000 agreements, in
 * every format. Each run is a fresh child process, so its peak RSS (getrusage maxrss) is its own.
 * Each agreements export runs twice, on this code and on the code before issue 18 (scripts/bench/
 * baseline.ts), beside a bare scan of the rows written by csv-stringify: the targets are ratios
 * measured in one run. The Word export's target is its peak RSS alone: the code before built it in
 * memory and could not make it at this size. BENCH_AGREEMENTS sets the size, BENCH_NO_BASELINE=1
 * skips the old code, BENCH_FORMATS=pdf,xlsx runs only those formats (while working on one of them),
 * BENCH_COLD=1 counts loading a format's writer library in its export (see writerLibraries).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { agreementTypes } from '../../db/schema/index.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import {
  type ReportFormat,
  renderAgreementsReport,
  renderNationalReport,
} from '../../server/reports/render.ts';
import { checkoutBaseline } from './baseline.ts';

const AGREEMENTS = Number(process.env.BENCH_AGREEMENTS ?? 100_000);
const BARRIERS = Math.round(AGREEMENTS / 20);
const YEAR = 2027;
const FORMATS = process.env.BENCH_FORMATS?.split(',').map((f) => f.trim());
/** The formats this run measures: all of them, or those BENCH_FORMATS names. */
const chosen = <F extends ReportFormat>(formats: readonly F[]): F[] =>
  formats.filter((f) => !FORMATS || FORMATS.includes(f));

/**
 * Streams what `render` makes on a database of its own, counting the bytes, and prints the run's
 * figures as one JSON line (the format the code before prints too: the parent reads both).
 */
async function measure(
  dbPath: string,
  // the code before issue 18 renders at once; today's loads the format's writer first (in the window)
  render: (db: ReturnType<typeof openDatabase>) => Readable | Promise<Readable>,
): Promise<void> {
  const db = openDatabase(dbPath);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let bytes = 0;
  await pipeline(
    await render(db),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(JSON.stringify({ ms, cpuMs, bytes, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  db.$client.close();
}

/**
 * The library each writer is built on. The code before loaded them all at start; today's code loads
 * one with the first export of its format since the service started. Loaded here before the measured
 * window, both codes are measured as a running service exports (BENCH_COLD=1 leaves them to the window).
 */
const writerLibraries: Partial<Record<ReportFormat, string>> = {
  xlsx: 'exceljs',
  pdf: 'pdfkit',
  docx: 'docx',
};

async function child(dbPath: string, kind: 'national' | 'agreements', format: ReportFormat): Promise<void> {
  const options = { year: YEAR, lang: 'da' as const, format };
  const library = writerLibraries[format];
  if (library && !process.env.BENCH_COLD) await import(library);
  return measure(dbPath, async (db) =>
    kind === 'national'
      ? (await renderNationalReport(db, options)).body
      : (await renderAgreementsReport(db, options)).body,
  );
}

/** The bench rows, on a database already migrated and seeded (by this code, or by the code before). */
function populate(dbPath: string, { migrateAndSeed = true } = {}): void {
  const db = openDatabase(dbPath);
  if (migrateAndSeed) {
    migrateDatabase(db);
    seedReferenceData(db);
  }
  const sqlite = db.$client;
  const districts = sqlite
    .prepare<unknown[], { id: number; areaId: number; members: string }>(
      `SELECT o.id, a.id AS areaId, (SELECT json_group_array(m.organisation_id) FROM area_member m
        WHERE m.area_id = a.id AND m.member_role = 'member') AS members
       FROM organisation o JOIN area a ON a.convener_id = o.id WHERE o.kind = 'police_district' ORDER BY o.code`,
    )
    .all();
  const now = new Date().toISOString();
  const statuses = ['draft', 'agreed', 'in_force', 'in_force', 'in_force', 'under_revision', 'expired'];
  sqlite.transaction(() => {
    const person = sqlite.prepare(
      'INSERT INTO person (name, email, organisation_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    const people = districts.map((d, i) =>
      Number(person.run(`Kontaktperson ${i} Ærø`, `kontakt${i}@politi.dk`, d.id, now, now).lastInsertRowid),
    );
    for (const [i, d] of districts.entries())
      for (const year of [YEAR - 1, YEAR]) {
        const meetingId = sqlite
          .prepare(
            `INSERT INTO meeting (area_id, title, status, starts_at, ends_at, venue_name, ics_uid, created_at, updated_at)
             VALUES (?, 'Politikredsmøde', 'held', ?, ?, 'Rådhuset', ?, ?, ?)`,
          )
          .run(
            d.areaId,
            `${year}-03-1${i % 10}T08:00:00.000Z`,
            `${year}-03-1${i % 10}T11:00:00.000Z`,
            `bench-${i}-${year}`,
            now,
            now,
          ).lastInsertRowid;
        sqlite
          .prepare('INSERT INTO attendance_sheet (meeting_id, created_at, updated_at) VALUES (?, ?, ?)')
          .run(meetingId, now, now);
        sqlite
          .prepare('INSERT INTO attendance (meeting_id, person_id) VALUES (?, ?)')
          .run(meetingId, people[i]);
      }
    const barrier = sqlite.prepare(
      `INSERT INTO barrier (area_id, category, description, raised_on, status, resolved_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const categories = ['knowledge_of_work', 'task_coordination', 'talks_with_child', 'other'];
    for (let i = 0; i < BARRIERS; i++) {
      const resolved = i % 3 === 0;
      barrier.run(
        districts[i % districts.length]!.areaId,
        categories[i % categories.length],
        `Barriere ${i}: uklar arbejdsdeling mellem kommune og politi`,
        `${YEAR - 1 - (i % 2)}-0${1 + (i % 9)}-15`,
        resolved ? 'resolved' : 'open',
        resolved ? `${YEAR}-02-01` : null,
        now,
        now,
      );
    }
    const agreement = sqlite.prepare(
      `INSERT INTO agreement (area_id, type, title, text, all_municipalities, agreed_on, status, review_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const party = sqlite.prepare(
      'INSERT INTO agreement_municipality (agreement_id, municipality_id) VALUES (?, ?)',
    );
    const contact = sqlite.prepare('INSERT INTO agreement_contact (agreement_id, person_id) VALUES (?, ?)');
    const addresses = sqlite.prepare(
      'INSERT INTO agreement_barrier (agreement_id, barrier_id) VALUES (?, ?)',
    );
    for (let i = 0; i < AGREEMENTS; i++) {
      const d = districts[i % districts.length]!;
      const some = i % 5 === 0;
      const id = Number(
        agreement.run(
          d.areaId,
          agreementTypes[i % agreementTypes.length],
          `Aftale ${i} om samarbejde i børnesager – Ærø, Øster, Åby`,
          'Parterne aftaler at mødes fast hvert kvartal.',
          some ? 0 : 1,
          `${YEAR - (i % 3)}-0${1 + (i % 9)}-01`,
          statuses[i % statuses.length],
          `${YEAR + 1}-0${1 + (i % 9)}-01`,
          now,
          now,
        ).lastInsertRowid,
      );
      if (some) for (const m of (JSON.parse(d.members) as number[]).slice(0, 2)) party.run(id, m);
      if (i % 2 === 0) contact.run(id, people[i % districts.length]);
      if (i % 10 === 0) addresses.run(id, 1 + (i % BARRIERS));
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

/** The bare scan: every agreement row as it is stored, written by csv-stringify — the floor for the CSV export. */
function bareScan(dbPath: string): Promise<void> {
  return measure(dbPath, (db) =>
    Readable.from(db.$client.prepare('SELECT * FROM agreement').raw(true).iterate(), {
      objectMode: true,
    }).pipe(stringify({ bom: true, delimiter: ';', record_delimiter: 'windows' })),
  );
}

interface Figures {
  ms: number;
  cpuMs: number;
  bytes: number;
  peakRssMb: number;
}

function run(cwd: string, args: string[]): Figures {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/reports.ts', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

/** A database migrated and seeded by the code before, then given the same bench rows as this code's. */
function prepareBaselineDatabase(baselineDir: string, dbPath: string): string {
  const prepare = join(baselineDir, 'scripts', 'bench-baseline-prepare.mts');
  writeFileSync(
    prepare,
    `import { migrateDatabase, openDatabase } from '../db/client.ts';
     import { seedReferenceData } from '../db/seed/seed.ts';
     const db = openDatabase(process.argv[2]); migrateDatabase(db); seedReferenceData(db); db.$client.close();`,
  );
  execFileSync(process.execPath, ['--import', 'tsx', prepare, dbPath], { cwd: baselineDir });
  populate(dbPath, { migrateAndSeed: false });
  return dbPath;
}

/** Issue 18's targets: how many times faster than the code before it, by format. */
const TARGETS: Partial<Record<ReportFormat, number>> = { csv: 3, json: 3, html: 3, xlsx: 1.5, pdf: 2.5 };
/** The Word export has no before-figure (the code before could not make it): its target is memory. */
const DOCX_PEAK_MB = 300;

if (process.argv[2] === '--populate') {
  populate(process.argv[3]!, { migrateAndSeed: process.argv[4] !== '--rows-only' });
} else if (process.argv[2] === '--bare') {
  await bareScan(process.argv[3]!);
} else if (process.argv[2] === '--child') {
  await child(
    process.argv[3]!,
    process.argv[4] as 'national' | 'agreements',
    process.argv[5] as ReportFormat,
  );
} else {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-bench-reports-'));
  const dbPath = join(dir, 'bench.db');
  const baseline = process.env.BENCH_NO_BASELINE ? null : checkoutBaseline();
  try {
    const t0 = performance.now();
    populate(dbPath);
    console.log(
      `Populated ${AGREEMENTS.toLocaleString('da-DK')} agreements and ${BARRIERS} barriers in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(statSync(dbPath).size / 1e6).toFixed(0)} MB)`,
    );
    console.log(
      `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores: figures are CPU seconds of a fresh process each (wall time suffers more under load)\n`,
    );
    console.log('National report (12 rows)');
    console.log('format    CPU (s)   peak RSS (MB)');
    for (const format of chosen(['json', 'csv', 'xlsx', 'docx', 'pdf', 'html'] as const)) {
      const r = run('.', ['--child', dbPath, 'national', format]);
      console.log(
        `${format.padEnd(8)}${(r.cpuMs / 1000).toFixed(2).padStart(8)}   ${r.peakRssMb.toFixed(0).padStart(13)}`,
      );
    }
    // the code before runs on a database of its own schema (its indexes), with the same rows
    const baselineDb = baseline ? prepareBaselineDatabase(baseline.dir, join(dir, 'before.db')) : null;
    const bare = run('.', ['--bare', dbPath]);
    console.log(
      `\nAgreements export (${AGREEMENTS.toLocaleString('da-DK')} rows); bare scan + csv-stringify: ${(bare.cpuMs / 1000).toFixed(2)} s CPU`,
    );
    console.log(
      `format    before (s)   now (s)   speed-up   target   peak RSS (MB)   size (MB)${baseline ? '' : '   (no before-figures)'}`,
    );
    for (const format of chosen(['csv', 'json', 'html', 'xlsx', 'pdf'] as const)) {
      const now = run('.', ['--child', dbPath, 'agreements', format]);
      const before = baseline ? run(baseline.dir, ['--child', baselineDb!, 'agreements', format]) : null;
      const speedUp = before ? before.cpuMs / now.cpuMs : null;
      const target = TARGETS[format];
      const verdict = speedUp && target ? (speedUp >= target ? 'met' : 'NOT met') : '';
      console.log(
        `${format.padEnd(8)}${(before ? (before.cpuMs / 1000).toFixed(2) : '–').padStart(10)}${(now.cpuMs / 1000).toFixed(2).padStart(10)}${(speedUp ? `${speedUp.toFixed(1)}×` : '–').padStart(11)}${(target ? `≥ ${target}× ${verdict}` : '').padStart(14).padEnd(16)}${now.peakRssMb.toFixed(0).padStart(14)}${(now.bytes / 1e6).toFixed(1).padStart(12)}`,
      );
      if (format === 'csv')
        console.log(
          `          CSV vs the bare scan: ${(now.cpuMs / bare.cpuMs).toFixed(2)}× its CPU time (target ≤ 2×)`,
        );
    }
    // the code before built the Word file in memory (tried: 45 s and 4 GB at 100,000 rows): not run
    if (chosen(['docx'] as const).length) {
      const docx = run('.', ['--child', dbPath, 'agreements', 'docx']);
      const peakMet = docx.peakRssMb < DOCX_PEAK_MB ? 'met' : 'NOT met';
      console.log(
        `${'docx'.padEnd(8)}${'–'.padStart(10)}${(docx.cpuMs / 1000).toFixed(2).padStart(10)}${'–'.padStart(11)}${`< ${DOCX_PEAK_MB} MB ${peakMet}`.padStart(14).padEnd(16)}${docx.peakRssMb.toFixed(0).padStart(14)}${(docx.bytes / 1e6).toFixed(1).padStart(12)}`,
      );
      console.log(
        `          Word: ${(docx.ms / 1000).toFixed(1)} s wall, peak RSS target < ${DOCX_PEAK_MB} MB; before: not possible (built in memory)`,
      );
    }
  } finally {
    baseline?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
