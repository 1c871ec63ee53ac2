import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { enqueueMail } from '../../server/mail/outbox.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';
import { startSmtp } from '../helpers/mail.ts';

// starting the service on a busy two-core machine can take a minute
t.setTimeout(15 * 60_000);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

t.test(
  'SIGTERM mid-drain: in-flight messages finish, the rest waits, nothing is lost or repeated',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'samraad-stop-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const databasePath = join(dir, 'samraad.db');
    const setup = openDatabase(databasePath);
    migrateDatabase(setup);
    seedReferenceData(setup);
    const ids: string[] = [];
    setup.transaction(() => {
      for (let i = 0; i < 60; i++)
        ids.push(
          enqueueMail(setup, {
            kind: 'test',
            to: { address: `person${i}@example.test`, name: `Person ${i}` },
            subject: `Besked ${i}`,
            text: `Hej ${i}`,
          }).messageId,
        );
    });
    setup.$client.close();

    // a slow mail server, so the stop comes while messages are being sent
    const smtp = await startSmtp(t, { delayMs: 250 });
    const start = async (): Promise<{ child: ChildProcess; exited: Promise<number | null> }> => {
      const port = await freePort();
      const child = spawn(process.execPath, [...entryPointArgs('server/main.ts')], {
        env: {
          ...process.env,
          DATABASE_PATH: databasePath,
          MAIL_DIR: join(dir, 'mail'),
          SMTP_URL: smtp.url,
          MAIL_SENDER: 'on',
          LOG_LEVEL: 'silent',
          PORT: String(port),
          HOST: '127.0.0.1',
        },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      t.teardown(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      return { child, exited };
    };

    const first = await start();
    await smtp.waitFor(5);
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    t.equal(await first.exited, 0, 'the service exits cleanly on SIGTERM');
    t.ok(Date.now() - signalled < 30_000, `and within 30 s (${Date.now() - signalled} ms)`);
    const atStop = smtp.received.length;
    t.ok(atStop < 60, `stopped mid-drain (${atStop} of 60 delivered)`);

    const check = openDatabase(databasePath);
    const states = check.$client
      .prepare('SELECT status, count(*) AS n FROM outbox_message GROUP BY status')
      .all() as { status: string; n: number }[];
    check.$client.close();
    const byStatus = Object.fromEntries(states.map((s) => [s.status, s.n]));
    t.equal(byStatus.sending, undefined, 'nothing is left half-sent');
    t.equal(byStatus.sent, atStop, 'every message the mail server took is recorded as sent');

    // the next start delivers the rest
    const second = await start();
    await smtp.waitFor(60);
    second.child.kill('SIGTERM');
    t.equal(await second.exited, 0);

    const seen = new Map<string, number>();
    for (const r of smtp.received) seen.set(r.parsed.messageId!, (seen.get(r.parsed.messageId!) ?? 0) + 1);
    t.same([...seen.keys()].sort(), [...ids].sort(), 'every message arrived');
    t.same(
      [...seen].filter(([, n]) => n > 1),
      [],
      'none arrived twice',
    );
  },
);
