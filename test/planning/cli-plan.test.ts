import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { entryPointArgs } from '../helpers/entry-points.ts';

const run = promisify(execFile);
const cli = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [...entryPointArgs('scripts/cli.ts'), ...args], { env: { ...process.env, ...env } });

t.test('plan --year prints the plan as a table; --dry-run saves nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-plan-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'silent' };

  const dry = await cli(env, 'plan', '--year', '2027', '--dry-run');
  t.match(dry.stdout, /prøvekørsel, intet gemt/);
  t.match(dry.stdout, /Dato\s+Ugedag\s+Tid\s+Område\s+Vært\s+Facilitator\s+Status/);
  t.match(dry.stdout, /2027-\d\d-\d\d\s+(tirsdag|onsdag|torsdag)\s+09:30–13:00\s+Nordjyllands Politi/);
  const rows = dry.stdout.split('\n').filter((l) => /^2027-/.test(l));
  t.equal(rows.length, 12);
  const missing = await cli(env, 'plan', '--year', '2027', '--show').catch((e) => e);
  t.equal(missing.code, 1, 'the dry run saved nothing');

  const saved = await cli(env, 'plan', '--year', '2027');
  t.match(saved.stdout, /gemt, 12 møder/);
  t.same(
    saved.stdout.split('\n').filter((l) => /^2027-/.test(l)),
    rows,
    'the same plan',
  );
  const shown = await cli(env, 'plan', '--year', '2027', '--show');
  t.equal(shown.stdout.split('\n').filter((l) => /^2027-/.test(l)).length, 12);

  writeFileSync(
    join(dir, 'tight.json'),
    JSON.stringify({ periodStart: '2028-03-06', periodEnd: '2028-03-06' }),
  );
  const impossible = await cli(env, 'plan', '--year', '2028', '--settings', join(dir, 'tight.json')).catch(
    (e) => e,
  );
  t.equal(impossible.code, 1);
  t.match(impossible.stderr, /perioden har for få tilladte dage/);
  const usage = await cli(env, 'plan').catch((e) => e);
  t.equal(usage.code, 2);

  // a settings file that is not JSON, or not there, is said in Danish: no stack trace
  writeFileSync(join(dir, 'half.json'), '{ "periodStart": ');
  const half = await cli(env, 'plan', '--year', '2028', '--settings', join(dir, 'half.json')).catch((e) => e);
  t.equal(half.code, 2);
  t.match(half.stderr, `${join(dir, 'half.json')} er ikke gyldig JSON`);
  t.notMatch(half.stderr, /SyntaxError|\bat /, 'no stack trace');
  const gone = await cli(env, 'plan', '--year', '2028', '--settings', join(dir, 'gone.json')).catch((e) => e);
  t.equal(gone.code, 2);
  t.match(gone.stderr, `${join(dir, 'gone.json')} kan ikke læses`);
  t.notMatch(gone.stderr, /ENOENT|\bat /, 'no stack trace');
});
