/**
 * The server under test for bench:answers, in its own process: the real app on a fresh database
 * with one meeting (capacity 25) and 2,000 invitations with answer links.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { issueAnswerToken } from '../../server/answers/tokens.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

const INVITEES = 2000;
const dir = mkdtempSync(join(tmpdir(), 'samraad-bench-'));
const app = await buildApp(
  loadConfig({
    DATABASE_PATH: join(dir, 'bench.db'),
    // the mail the answers cause is captured in the bench's own folder, not in ./data of the checkout
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
    RSVP_RATE_LIMIT: '100000000',
  }),
);
app.get('/bench/trivial', { config: { access: 'public' } }, async () => ({ ok: true }));

const sql = app.db.$client;
const area = sql
  .prepare<unknown[], { id: number }>(
    "SELECT a.id FROM area a JOIN organisation d ON d.id = a.convener_id WHERE a.kind = 'police_district' AND d.code = '1462'",
  )
  .get();
if (!area) throw new Error('the seed has no police district 1462');
const municipalities = sql
  .prepare<unknown[], { id: number }>(
    "SELECT organisation_id AS id FROM area_member WHERE area_id = ? AND member_role = 'member'",
  )
  .all(area.id);
const now = new Date().toISOString();
const starts = new Date(Date.now() + 60 * 24 * 3600_000);
const meetingId = Number(
  sql
    .prepare(
      `INSERT INTO meeting (area_id, title, status, starts_at, ends_at, venue_name, venue_address, capacity, ics_uid,
                            created_at, updated_at)
       VALUES (?, 'Politikredsmøde (benchmark)', 'invited', ?, ?, 'Rådhuset', 'Torvet 1, 7400 Herning', 25,
               'bench-meeting@samraad.bench', ?, ?)`,
    )
    .run(area.id, starts.toISOString(), new Date(starts.getTime() + 6 * 3600_000).toISOString(), now, now)
    .lastInsertRowid,
);
const invitees: { token: string; email: string }[] = [];
app.db.transaction(() => {
  for (let i = 0; i < INVITEES; i++) {
    const email = `person${i}@bench.example`;
    const personId = Number(
      sql
        .prepare(
          'INSERT INTO person (name, email, organisation_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(`Person ${i}`, email, municipalities[i % municipalities.length]!.id, now, now).lastInsertRowid,
    );
    const invitationId = Number(
      sql
        .prepare('INSERT INTO invitation (meeting_id, person_id, created_at, updated_at) VALUES (?, ?, ?, ?)')
        .run(meetingId, personId, now, now).lastInsertRowid,
    );
    invitees.push({
      token: issueAnswerToken(app.db, invitationId, new Date(starts.getTime() + 86400_000).toISOString()),
      email,
    });
  }
});
const account = createAccount(app.db, { email: 'bench@bench.example', role: 'facilitator' });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(
  JSON.stringify({
    url,
    dir,
    meetingId,
    uid: 'bench-meeting@samraad.bench',
    token: issueApiToken(app.db, account.id),
    invitees,
  }),
);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
