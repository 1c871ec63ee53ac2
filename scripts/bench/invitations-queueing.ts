/**
 * Queueing alone (invitations recorded, emails rendered and stored in the outbox, no sending) of
 * the code in the folder given as first argument (this checkout or the code before issue 18, see
 * baseline.ts), on a fresh database of that code's schema; then how many invitations, and how many
 * meetings are sent before them. Prints one JSON line: { ms, cpuMs, invited }.
 * Run by bench:invitations in a child process for the before-and-now queueing figures.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { insertBenchMeetings } from './invitation-data.ts';

const root = resolve(process.argv[2] ?? '.');
const total = Number(process.argv[3] ?? 10_000);
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { migrateDatabase, openDatabase } = await load('db/client.ts');
const { seedReferenceData } = await load('db/seed/seed.ts');
const { loadConfig } = await load('server/config.ts');
const { sendInvitations } = await load('server/invitations/invitations.ts');

const dir = mkdtempSync(join(tmpdir(), 'samraad-bench-queue-'));
const config = loadConfig({
  DATABASE_PATH: join(dir, 'bench.db'),
  MAIL_DIR: join(dir, 'mail'),
  LOG_LEVEL: 'silent',
});
const db = openDatabase(config.DATABASE_PATH);
migrateDatabase(db);
seedReferenceData(db);
// checkpoints as the service makes them: in a worker thread, where the code has one (not before issue 18)
const checkpointer = existsSync(join(root, 'db/checkpointer.ts'))
  ? (await load('db/checkpointer.ts')).checkpointInBackground(
      db,
      config.DATABASE_PATH,
      { intervalMs: config.DATABASE_CHECKPOINT_INTERVAL_MS },
      (message: { error?: string }) => message.error && console.error(message.error),
    )
  : null;
// meetings sent before the measured ones: most of a send's code runs once per meeting, and V8
// compiles it on its helper threads, counted in the CPU, until a few hundred have been sent;
// bench:invitations measures three states (100, 420 and 1,500 meetings before)
const warm = Number(process.argv[4] ?? 100);
const { meetings } = insertBenchMeetings(db.$client, { total, perMeeting: 25, warm });
const ids = (db.$client.prepare('SELECT id FROM meeting ORDER BY id').all() as { id: number }[]).map(
  (m) => m.id,
);

// warm-up meetings first (compiled code, warm page cache), then the measured ones
for (const id of ids.slice(meetings)) sendInvitations(db, config, null, id);
const cpu = process.cpuUsage();
const started = performance.now();
let invited = 0;
for (const id of ids.slice(0, meetings)) invited += sendInvitations(db, config, null, id).invited;
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, invited }));
await checkpointer?.stop();
db.$client.close();
rmSync(dir, { recursive: true, force: true });
