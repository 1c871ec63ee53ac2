/**
 * The server under test for bench:api, run in its own process so the load generator does not
 * share its event loop: the real app on a fresh database with 1,000 people, plus a trivial route.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { insertPerson } from '../../server/register/people.ts';

const dir = mkdtempSync(join(tmpdir(), 'samraad-bench-'));
const app = await buildApp(
  // mail, if any, is captured in the bench's own folder, not in ./data of the checkout
  loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), MAIL_DIR: join(dir, 'mail'), LOG_LEVEL: 'silent' }),
);
app.get('/bench/trivial', { config: { access: 'public' } }, async () => ({ ok: true }));

const municipalities = app.db.$client
  .prepare<unknown[], { id: number }>("SELECT id FROM organisation WHERE kind = 'municipality'")
  .all();
app.db.transaction(() => {
  for (let i = 0; i < 1000; i++) {
    insertPerson(app.db, {
      name: `Kontakt ${String(i).padStart(4, '0')}`,
      email: `kontakt${i}@bench.example`,
      organisationId: municipalities[i % municipalities.length]!.id,
      roles: i % 2 ? ['teamleder'] : ['kommunal-sagsbehandler', 'faglig-koordinator'],
      isFixedContact: false,
      language: 'da',
    });
  }
});
const account = createAccount(app.db, { email: 'bench@bench.example', role: 'facilitator' });
const token = issueApiToken(app.db, account.id);
const organisationId = municipalities[0]!.id;
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address() as { port: number };
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, token, organisationId, dir })}\n`,
);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
