import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { buildTestApp } from '../helpers/app.ts';
import { entryPointArgs } from '../helpers/entry-points.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const run = promisify(execFile);
const cli = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [...entryPointArgs('scripts/cli.ts'), ...args], { env: { ...process.env, ...env } });

t.test('a backup taken during writes restores into a fresh service with the same data', async (t) => {
  const { app, dir, as } = await buildTestApp(t);
  const { people, municipality } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:30:00.000Z',
    facilitatorId: people.facilitator,
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  const invited = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(invited.statusCode, 200);
  await app.mailer.drain();
  const mailFiles = readdirSync(join(dir, 'mail'));
  t.ok(mailFiles.length >= 4, 'captured invitations are in the mail folder');

  const scratch = mkdtempSync(join(tmpdir(), 'samraad-backup-'));
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
  const out = join(scratch, 'backup');
  const live = { DATABASE_PATH: join(dir, 'samraad.db'), MAIL_DIR: join(dir, 'mail'), LOG_LEVEL: 'silent' };

  // people keep being written while the command line copies the database from another process
  let writing = true;
  let written = 0;
  const writer = (async () => {
    while (writing) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/people',
        headers: as.facilitator,
        payload: {
          name: `Skrivende ${written}`,
          email: `skriver${written}@example.test`,
          organisationId: municipality.id,
        },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      written++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const before = written;
  const made = await cli(live, 'backup', '--out', out);
  writing = false;
  await writer;
  t.match(made.stdout, /Sikkerhedskopien er skrevet til/);
  t.ok(written > before, `the service went on writing during the backup (${written - before} people)`);
  t.same(readdirSync(join(out, 'mail')).sort(), mailFiles.sort(), 'the mail folder is in the backup');

  const refusedOut = await cli(live, 'backup', '--out', out).catch((e) => e);
  t.equal(refusedOut.code, 1, 'a backup never writes into a folder with something in it');

  const fresh = join(scratch, 'fresh');
  const target = {
    DATABASE_PATH: join(fresh, 'samraad.db'),
    MAIL_DIR: join(fresh, 'mail'),
    LOG_LEVEL: 'silent',
  };
  const restored = await cli(target, 'restore', '--from', out);
  t.match(restored.stdout, /Sikkerhedskopien fra .* er lagt ind i/);
  t.ok(existsSync(join(fresh, 'mail', mailFiles[0]!)));
  const again = await cli(target, 'restore', '--from', out).catch((e) => e);
  t.equal(again.code, 1, 'restoring into a non-empty data folder is refused');
  t.match(again.stderr, /not empty/);

  // the copy holds the same accounts, so the original's API tokens work on it
  const copy = await buildApp(loadConfig({ ...target, SEED_ON_START: 'false', MAIL_SENDER: 'off' }));
  t.teardown(() => copy.close());
  const namesOf = async (a: typeof app) => {
    const names: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = (
        await a.inject({ url: `/api/people?limit=500&offset=${offset}`, headers: as.viewer })
      ).json();
      names.push(...page.items.map((p: { name: string }) => p.name));
      if (names.length >= page.total) return names;
    }
  };
  const originalNames = await namesOf(app);
  const restoredNames = await namesOf(copy);
  t.ok(restoredNames.length > 5, 'the restored service answers with people');
  t.ok(
    restoredNames.every((n) => originalNames.includes(n)),
    'every restored person is one the running service had',
  );
  t.ok(
    Array.from({ length: before }, (_, i) => `Skrivende ${i}`).every((n) => restoredNames.includes(n)),
    'everyone written before the backup started is in it',
  );
  const outbox = (a: typeof app, h: { authorization: string }) =>
    a.inject({ url: `/api/outbox?meeting=${m.id}`, headers: h }).then((r) => r.json());
  t.same(await outbox(copy, as.facilitator), await outbox(app, as.facilitator), 'the same outbox');
  const meeting = await copy.inject({ url: `/api/meetings/${m.id}`, headers: as.viewer });
  t.equal(meeting.json().title, m.title, 'the same meeting');
});
