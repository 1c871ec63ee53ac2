import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import t from 'tap';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';
import { seedFynOutcomes } from '../helpers/scenarios.ts';

const run = promisify(execFile);
const cli = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [...entryPointArgs('scripts/cli.ts'), ...args], { env: { ...process.env, ...env } });

t.test('report --year [--district] --format --out writes a file any reader opens', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-report-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'silent' };
  const db = openDatabase(env.DATABASE_PATH);
  migrateDatabase(db);
  seedReferenceData(db);
  seedFynOutcomes(db);
  db.$client.close();

  const pdf = join(dir, 'rapport.pdf');
  const written = await cli(
    env,
    'report',
    '--year',
    '2027',
    '--district',
    '1465',
    '--format',
    'pdf',
    '--out',
    pdf,
  );
  t.match(written.stdout, /Skrev .*rapport\.pdf/);
  const parser = new PDFParse({ data: new Uint8Array(readFileSync(pdf)) });
  const { text } = await parser.getText();
  await parser.destroy();
  t.ok(text.includes('Samarbejdsaftale om børnesager på Fyn'));

  const csv = join(dir, 'national.csv');
  await cli(env, 'report', '--year', '2027', '--format', 'csv', '--out', csv);
  const rows = parse(readFileSync(csv), { bom: true, delimiter: ';' }) as string[][];
  t.equal(rows.length, 14);

  const bad = await cli(env, 'report', '--year', '2027', '--format', 'odt', '--out', csv).catch((e) => e);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /--format skal være en af/);
  const unknown = await cli(
    env,
    'report',
    '--year',
    '2027',
    '--district',
    '1999',
    '--format',
    'csv',
    '--out',
    csv,
  ).catch((e) => e);
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /No police district has code 1999/);
});
