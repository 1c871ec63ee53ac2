import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { entryPointArgs, loaderArgs, modulePath } from '../helpers/entry-points.ts';

function exitOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

// six processes start at once: on a busy two-core machine that takes minutes, not seconds
t.setTimeout(15 * 60_000);

t.test(
  'six commands started at once on a brand-new database file all migrate, seed and succeed',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'samraad-new-file-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      ...process.env,
      DATABASE_PATH: join(dir, 'samraad.db'),
      MAIL_DIR: join(dir, 'mail'),
      LOG_LEVEL: 'silent',
    };
    t.notOk(existsSync(env.DATABASE_PATH), 'no database file before the commands start');
    const commands = [
      ['db:migrate'],
      ['db:seed'],
      ['user:create', '--email', 'a@test.example', '--role', 'admin'],
      ['user:create', '--email', 'b@test.example', '--role', 'viewer'],
      ['outbox:send'],
      ['db:migrate'],
    ];
    const results = await Promise.all(
      commands.map((args) =>
        exitOf(
          spawn(process.execPath, [...entryPointArgs('scripts/cli.ts'), ...args], {
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
        ),
      ),
    );
    for (const [i, r] of results.entries())
      t.equal(r.code, 0, `${commands[i]!.join(' ')} succeeded${r.code ? `: ${r.output}` : ''}`);

    const db = openDatabase(env.DATABASE_PATH);
    t.teardown(() => db.$client.close());
    const c = db.$client;
    const applied = c.prepare('SELECT count(*) FROM "__drizzle_migrations"').pluck().get();
    const journal = (await import('../../db/migrations/meta/_journal.json', { with: { type: 'json' } }))
      .default;
    t.equal(applied, journal.entries.length, 'each migration applied once');
    t.equal(
      c.prepare("SELECT count(*) FROM organisation WHERE kind = 'police_district'").pluck().get(),
      12,
      'the reference data seeded once: 12 police districts',
    );
    t.equal(
      c.prepare("SELECT count(*) FROM organisation WHERE kind = 'municipality'").pluck().get(),
      98,
      '98 municipalities',
    );
    t.same(
      c.prepare('SELECT email FROM account ORDER BY email').pluck().all(),
      ['a@test.example', 'b@test.example'],
      'both accounts created',
    );
  },
);

t.test('six processes opening a brand-new file at the same instant each migrate and seed it', async (t) => {
  // started apart, start-up spreads the commands above; here each loads its code, says it is
  // ready, and waits (idle, on its stdin) until all six are: then one write releases them together
  const opener = `
    import { once } from 'node:events';
    import { migrateDatabase, openDatabase } from '${pathToFileURL(modulePath('db/client.ts'))}';
    import { seedReferenceData } from '${pathToFileURL(modulePath('db/seed/seed.ts'))}';
    process.stdout.write('ready\\n');
    await once(process.stdin, 'data');
    const db = openDatabase(process.env.DATABASE_PATH);
    migrateDatabase(db);
    seedReferenceData(db);
    db.$client.close();
    process.stdin.destroy();`;
  for (let round = 1; round <= 3; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'samraad-same-instant-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const env = { ...process.env, DATABASE_PATH: join(dir, 'samraad.db') };
    const children = Array.from({ length: 6 }, () =>
      spawn(process.execPath, [...loaderArgs, '--input-type=module', '-e', opener], {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    const ready = children.map(
      (child) =>
        new Promise<void>((resolve) => {
          const onData = (d: Buffer) => {
            if (!String(d).includes('ready')) return;
            child.stdout.off('data', onData);
            resolve();
          };
          child.stdout.on('data', onData);
          child.on('exit', () => resolve());
        }),
    );
    const exits = children.map(exitOf);
    await Promise.all(ready);
    for (const child of children) child.stdin.write('go\n');
    const results = await Promise.all(exits);
    t.same(
      results.filter((r) => r.code !== 0).map((r) => r.output),
      [],
      `round ${round}: all six succeeded`,
    );
  }
});
