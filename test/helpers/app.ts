import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
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

/** The real app on a fresh SQLite file in a temporary folder, closed and removed after the test. */
export async function buildTestApp(t: Teardown, env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'samraad-test-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'samraad.db'),
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
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
