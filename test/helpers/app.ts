import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { seedReferenceData } from '../../db/seed/seed.ts';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface TestApp {
  app: FastifyInstance;
  dir: string;
  /** Authorization headers for an account of each role. */
  as: Record<'admin' | 'facilitator' | 'viewer', { authorization: string }>;
  /** The ids of those accounts (to give them programmes). */
  accountIds: Record<'admin' | 'facilitator' | 'viewer', number>;
}

/** The programme the test accounts work in: the Danish one, seeded at start. */
export const DANISH_PROGRAMME = 'dk-politikredsmoeder';

let template: string | undefined;

/**
 * A database migrated and seeded once for the test file, closed and checkpointed into one file:
 * each test app starts on a copy of it, as if it had migrated and seeded a fresh file itself.
 */
function templateDatabase(): string {
  if (template) return template;
  const dir = mkdtempSync(join(tmpdir(), 'samraad-template-'));
  const path = join(dir, 'template.db');
  const db = openDatabase(path);
  migrateDatabase(db);
  seedReferenceData(db);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  template = path;
  return path;
}

/**
 * The real app on a fresh SQLite file in a temporary folder, closed and removed after the test. The
 * file is a copy of the migrated and seeded template unless the test chooses the database or the
 * seeding itself; the app still runs its migrations on it (none are left to apply).
 */
export async function buildTestApp(t: Teardown, env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-test-'));
  const fromTemplate = env.DATABASE_PATH === undefined && env.SEED_ON_START === undefined;
  if (fromTemplate) copyFileSync(templateDatabase(), join(dir, 'samraad.db'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'samraad.db'),
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
    ...(fromTemplate ? { SEED_ON_START: 'false' } : {}),
    ...env,
  });
  const app = await buildApp(config);
  t.teardown(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const as = {} as TestApp['as'];
  const accountIds = {} as TestApp['accountIds'];
  for (const role of ['admin', 'facilitator', 'viewer'] as const) {
    const account = createAccount(app.db, {
      email: `${role}@test.example`,
      role,
      ...(role === 'admin' ? {} : { programmes: [DANISH_PROGRAMME] }),
    });
    as[role] = { authorization: `Bearer ${issueApiToken(app.db, account.id)}` };
    accountIds[role] = account.id;
  }
  return { app, dir, as, accountIds };
}

/**
 * A multipart/form-data body as a browser sends it, built by the platform's own FormData (not the
 * project's code): one file, after any plain fields.
 */
export async function formDataPayload(
  file: { name: string; content: Buffer | string; type?: string },
  fields: Record<string, string> = {},
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    'file',
    new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], {
      type: file.type ?? 'application/octet-stream',
    }),
    file.name,
  );
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type')! },
  };
}
