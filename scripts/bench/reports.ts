/**
 * bench:reports — the national report and the full agreements export over 100,000 agreements, in
 * every format. Each run is a fresh child process, so its peak RSS (getrusage maxrss) is its own.
 * Target: CSV and XLSX under 5 s and under 300 MB peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { agreementTypes } from '../../db/schema/index.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import {
  type ReportFormat,
  renderAgreementsReport,
  renderNationalReport,
} from '../../server/reports/render.ts';

const AGREEMENTS = Number(process.env.BENCH_AGREEMENTS ?? 100_000);
const BARRIERS = Math.round(AGREEMENTS / 20);
const YEAR = 2027;

async function child(dbPath: string, kind: 'national' | 'agreements', format: ReportFormat): Promise<void> {
  const db = openDatabase(dbPath);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const options = { year: YEAR, lang: 'da' as const, format };
  const rendered =
    kind === 'national' ? renderNationalReport(db, options) : renderAgreementsReport(db, options);
  let bytes = 0;
  await pipeline(
    rendered.body,
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

function populate(dbPath: string): void {
  const db = openDatabase(dbPath);
  migrateDatabase(db);
  seedReferenceData(db);
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

if (process.argv[2] === '--child') {
  await child(
    process.argv[3]!,
    process.argv[4] as 'national' | 'agreements',
    process.argv[5] as ReportFormat,
  );
} else {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-bench-reports-'));
  const dbPath = join(dir, 'bench.db');
  try {
    const t0 = performance.now();
    populate(dbPath);
    console.log(
      `Populated ${AGREEMENTS.toLocaleString('da-DK')} agreements and ${BARRIERS} barriers in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(statSync(dbPath).size / 1e6).toFixed(0)} MB)\n`,
    );
    const runs: ['national' | 'agreements', ReportFormat][] = [
      ...(['json', 'csv', 'xlsx', 'docx', 'pdf', 'html'] as const).map(
        (f) => ['national', f] as ['national', ReportFormat],
      ),
      ...(['json', 'csv', 'xlsx', 'html', 'pdf'] as const).map(
        (f) => ['agreements', f] as ['agreements', ReportFormat],
      ),
    ];
    console.log(
      `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (wall time suffers under load; CPU time less)\n`,
    );
    console.log('report                          format   time (s)   CPU (s)   peak RSS (MB)   size (MB)');
    for (const [kind, format] of runs) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench/reports.ts', '--child', dbPath, kind, format],
        {
          encoding: 'utf8',
        },
      );
      const r = JSON.parse(out.trim().split('\n').pop()!) as {
        ms: number;
        cpuMs: number;
        bytes: number;
        peakRssMb: number;
      };
      const label =
        kind === 'national'
          ? 'national (12 rows)'
          : `agreements (${AGREEMENTS.toLocaleString('da-DK')} rows)`;
      console.log(
        `${label.padEnd(32)}${format.padEnd(9)}${(r.ms / 1000).toFixed(2).padStart(8)}${(r.cpuMs / 1000).toFixed(2).padStart(10)}   ${r.peakRssMb.toFixed(0).padStart(13)}   ${(r.bytes / 1e6).toFixed(1).padStart(9)}`,
      );
    }
    console.log(
      '\nDOCX of the 100,000-row export is not run: Word documents are built in memory (district reports only).',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
