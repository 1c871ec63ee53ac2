import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { backup, restore } from '../../server/operations/backup.ts';
import { buildTestApp, formDataPayload } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';

t.test("a backup holds the meetings' materials, and a restored service serves them", async (t) => {
  const { app, dir, as } = await buildTestApp(t);
  const m = insertMeeting(app.db, { districtCode: '1471', startsAt: '2027-03-12T08:00:00.000Z' });
  const slides = Buffer.from('Dagsorden og oplæg\n');
  const body = await formDataPayload({ name: 'oplæg.txt', content: slides });
  const uploaded = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/materials`,
    headers: { ...as.facilitator, ...body.headers },
    payload: body.payload,
  });
  t.equal(uploaded.statusCode, 201);
  const material = uploaded.json();

  const scratch = mkdtempSync(join(tmpdir(), 'samraad-backup-materials-'));
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
  const live = loadConfig({
    DATABASE_PATH: join(dir, 'samraad.db'),
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
  });
  const manifest = await backup(live, join(scratch, 'backup'));
  t.equal(manifest.materials, 'materials');
  t.equal(readdirSync(join(scratch, 'backup', 'materials')).length, 1, 'the file is in the backup');

  const fresh = loadConfig({
    DATABASE_PATH: join(scratch, 'restored', 'samraad.db'),
    MAIL_DIR: join(scratch, 'restored', 'mail'),
    LOG_LEVEL: 'silent',
  });
  restore(fresh, join(scratch, 'backup'));
  const files = readdirSync(join(scratch, 'restored', 'materials'));
  t.equal(files.length, 1, 'restored beside the database');
  t.same(readFileSync(join(scratch, 'restored', 'materials', files[0]!)), slides);

  const restored = await buildApp(fresh);
  t.teardown(() => restored.close());
  const admin = createAccount(restored.db, { email: 'restorer@test.example', role: 'admin' });
  const res = await restored.inject({
    url: `/api/meetings/${m.id}/materials/${material.id}`,
    headers: { authorization: `Bearer ${issueApiToken(restored.db, admin.id)}` },
  });
  t.equal(res.statusCode, 200);
  t.same(res.rawPayload, slides, 'the restored service serves the same bytes');
});
