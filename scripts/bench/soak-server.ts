/**
 * The service under test for bench:soak, in its own process (started with --expose-gc): the real
 * app on a fresh data folder, sending to the SMTP sink in SMTP_URL. Through its own API it plans
 * next year, registers 200 contact persons in Midt- og Vestjylland's municipalities and invites
 * them; then it prints one JSON line with what the load needs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { createSession } from '../../server/accounts/sessions.ts';
import { issueAnswerToken } from '../../server/answers/tokens.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

const INVITEES = 200;
const DISTRICT = '1462';
const ROLES = ['boerne-ungechef', 'afdelingsleder', 'teamleder', 'kommunal-sagsbehandler'];

const dir = mkdtempSync(join(tmpdir(), 'samraad-soak-'));
const app = await buildApp(
  loadConfig({
    DATABASE_PATH: join(dir, 'soak.db'),
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
    SMTP_URL: process.env.SMTP_URL,
    MAIL_SENDER: 'on',
    MAIL_SEND_INTERVAL_MS: '1000',
    RSVP_RATE_LIMIT: '100000000',
  }),
);
// memory of this process after a full collection, so the soak compares what is kept, not garbage
app.get('/bench/memory', { config: { access: 'public' } }, async () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
});

const admin = createAccount(app.db, { email: 'admin@soak.example', role: 'admin' });
const facilitator = createAccount(app.db, { email: 'facilitator@soak.example', role: 'facilitator' });
const authorization = `Bearer ${issueApiToken(app.db, admin.id)}`;

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const year = new Date().getUTCFullYear() + 1;
await call('POST', '/api/cycles', { year });
const municipalities = (await call('GET', `/api/municipalities?district=${DISTRICT}`)) as { id: number }[];
const meeting = (
  (await call('GET', `/api/meetings?year=${year}&district=${DISTRICT}`)) as { id: number }[]
)[0]!;
for (let i = 0; i < INVITEES; i++)
  await call('POST', '/api/people', {
    name: `Kontakt ${i}`,
    email: `kontakt${i}@soak.example`,
    organisationId: municipalities[i % municipalities.length]!.id,
    roles: [ROLES[i % ROLES.length]],
  });
const sent = await call('POST', `/api/meetings/${meeting.id}/invitations`);

// the answer links went by mail; each invitee gets one more link here, as an update would carry
const sql = app.db.$client;
const rows = sql
  .prepare<unknown[], { id: number; email: string }>(
    'SELECT i.id, p.email FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.meeting_id = ?',
  )
  .all(meeting.id);
const endsAt = sql
  .prepare<unknown[], { endsAt: string }>('SELECT ends_at AS endsAt FROM meeting WHERE id = ?')
  .get(meeting.id)!.endsAt;
const invitees = rows.map((r) => ({ email: r.email, token: issueAnswerToken(app.db, r.id, endsAt) }));
const uid = sql
  .prepare<unknown[], { uid: string }>('SELECT ics_uid AS uid FROM meeting WHERE id = ?')
  .get(meeting.id)!.uid;

const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(
  JSON.stringify({
    url,
    dir,
    year,
    district: DISTRICT,
    meetingId: meeting.id,
    uid,
    invited: sent,
    token: authorization.slice('Bearer '.length),
    cookie: `samraad_session=${createSession(app.db, facilitator.id)}`,
    invitees,
  }),
);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
