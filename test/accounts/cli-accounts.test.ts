import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';

const run = promisify(execFile);
const cli = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [...entryPointArgs('scripts/cli.ts'), ...args], { env: { ...process.env, ...env } });

t.test('user:create prints a token once; only its hash is stored; it opens the API', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    DATABASE_PATH: join(dir, 'db.sqlite'),
    LOG_LEVEL: 'silent',
    SAMRAAD_PASSWORD: 'correct horse battery staple',
  };

  const { stdout } = await cli(
    env,
    'user:create',
    '--email',
    'Birgitte@Socialstyrelsen.dk',
    '--role',
    'facilitator',
    '--with-password',
  );
  const token = stdout.match(/smr_\S+/)?.[0];
  t.ok(token, 'a token is printed');

  const refused = await cli(env, 'user:create', '--email', 'x@y.dk', '--role', 'emperor').catch((e) => e);
  t.equal(refused.code, 2, 'a bad role is a usage error');
  t.match(refused.stderr, /--role skal være en af admin, facilitator, viewer/);

  const app = await buildApp(loadConfig(env));
  t.teardown(() => app.close());
  const stored = app.db.$client.prepare('SELECT secret_hash FROM api_token').all() as {
    secret_hash: string;
  }[];
  // the secret is the token's last 43 characters: base64url may itself hold "_", so splitting on it
  // could leave a few characters that then turn up in the file by chance
  const secret = token!.slice(-43);
  t.notOk(JSON.stringify(stored).includes(secret), 'the secret is not stored');
  const db = readFileSync(env.DATABASE_PATH);
  t.notOk(db.includes(Buffer.from(secret)), 'the secret is nowhere in the database file');
  const account = app.db.$client.prepare('SELECT email, role, password_hash FROM account').get() as Record<
    string,
    string
  >;
  t.match(account, { email: 'birgitte@socialstyrelsen.dk', role: 'facilitator', password_hash: /^scrypt\$/ });
  t.notOk(account.password_hash!.includes('horse'));

  const res = await app.inject({ url: '/api/people', headers: { authorization: `Bearer ${token}` } });
  t.equal(res.statusCode, 200);
});

t.test('people:import from a file: dry run reports, real import saves', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'silent' };
  const file = join(dir, 'kontakter.csv');
  writeFileSync(file, 'navn;email;organisation\nØjvind Å;oa@bornholm.dk;Bornholm\nNobody;;Bornholm\n');
  const dry = await cli(env, 'people:import', '--file', file, '--dry-run').catch((e) => e);
  t.equal(dry.code, 1);
  t.match(dry.stdout, /linje 3 \(email\)/);

  writeFileSync(file, 'navn;email;organisation\nØjvind Å;oa@bornholm.dk;Bornholm\n');
  const real = await cli(env, 'people:import', '--file', file);
  t.match(real.stdout, /Oprettet 1/);
  const app = await buildApp(loadConfig(env));
  t.teardown(() => app.close());
  t.match(app.db.$client.prepare('SELECT name FROM person').all(), [{ name: 'Øjvind Å' }]);
});
