import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

// nine processes start at once (eight of them through npm and tsx): on a busy two-core machine that takes minutes, not seconds
t.setTimeout(15 * 60_000);

t.test('eight commands and the service write to one database file at once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-concurrent-'));
  const env = {
    ...process.env,
    DATABASE_PATH: join(dir, 'samraad.db'),
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
    SAMRAAD_PASSWORD: 'en-lang-nok-adgangskode',
  };
  const setup = openDatabase(env.DATABASE_PATH);
  migrateDatabase(setup);
  seedReferenceData(setup);
  const token = issueApiToken(
    setup,
    createAccount(setup, { email: 'writer@test.example', role: 'facilitator' }).id,
  );
  const organisationId = (
    setup.$client.prepare("SELECT id FROM organisation WHERE kind = 'municipality' LIMIT 1").get() as {
      id: number;
    }
  ).id;
  setup.$client.close();

  const port = await freePort();
  const service = spawn(process.execPath, [...entryPointArgs('server/main.ts')], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  const serviceExit = new Promise((resolve) => service.on('exit', resolve));
  t.teardown(async () => {
    if (service.exitCode === null) service.kill('SIGKILL');
    await serviceExit;
    rmSync(dir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    const up = await fetch(`${base}/health`).catch(() => null);
    if (up?.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  // the service writes without pause while the commands run
  let writing = true;
  const statuses: number[] = [];
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      const res = await fetch(`${base}/api/people`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Skrivende ${i}`, email: `skriver${i}@test.dk`, organisationId }),
      });
      statuses.push(res.status);
    }
  })();

  const commands = [
    ['user:create', '--email', 'c1@test.example', '--role', 'viewer'],
    ['user:create', '--email', 'c2@test.example', '--role', 'facilitator'],
    ['user:create', '--email', 'c3@test.example', '--role', 'admin', '--with-password'],
    ['db:seed'],
    ['db:seed'],
    ['follow-ups:send'],
    ['outbox:send'],
    ['invitations:chase'],
  ];
  const runs = commands.map((args) =>
    exitOf(
      spawn('npm', ['run', '--silent', 'cli', '--', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    ),
  );
  const results = await Promise.all(runs);
  writing = false;
  await writer;
  for (const [i, r] of results.entries())
    t.equal(r.code, 0, `${commands[i]!.join(' ')} succeeded${r.code ? `: ${r.output}` : ''}`);
  t.ok(statuses.length > 0, `the service wrote ${statuses.length} people meanwhile`);
  t.same(
    statuses.filter((s) => s !== 201),
    [],
    'every write of the service succeeded',
  );
});
