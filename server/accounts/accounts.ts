import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type AccountRole, account, accountRoles, apiToken } from '../../db/schema/index.ts';
import { badRequest, conflict } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import { nowIso } from '../time.ts';
import {
  hashPassword,
  newSecretToken,
  parseSecretToken,
  secretMatches,
  verifyPassword,
} from './credentials.ts';

export const TOKEN_PREFIX = 'smr';

export const NewAccount = z.strictObject({
  email: z.email().transform((e) => e.toLowerCase()),
  role: z.enum(accountRoles),
  name: Text('name').min(1).optional(),
});
export type NewAccount = z.input<typeof NewAccount>;

/** The signed-in account as the rest of the service sees it. */
export interface Actor {
  /** null for the command line, which acts without an account. */
  id: number | null;
  email: string;
  role: AccountRole;
}

/** Who the audit log names for changes made from the command line. */
export const commandLineActor: Actor = { id: null, email: 'cli', role: 'admin' };

export function createAccount(db: Db, input: NewAccount): Actor & { id: number } {
  const parsed = NewAccount.safeParse(input);
  if (!parsed.success)
    throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { email, role, name } = parsed.data;
  if (db.select({ id: account.id }).from(account).where(eq(account.email, email)).get())
    throw conflict(`An account for ${email} already exists`);
  return db
    .insert(account)
    .values({ email, role, name, createdAt: nowIso() })
    .returning({ id: account.id, email: account.email, role: account.role })
    .get();
}

export function findAccountByEmail(db: Db, email: string) {
  return db.select().from(account).where(eq(account.email, email.toLowerCase())).get();
}

/** Creates a new API token for the account; the token itself is returned once and never stored. */
export function issueApiToken(db: Db, accountId: number, label?: string): string {
  const { token, lookupId, secretHash } = newSecretToken(TOKEN_PREFIX);
  db.insert(apiToken).values({ accountId, lookupId, secretHash, label, createdAt: nowIso() }).run();
  return token;
}

export async function setPassword(db: Db, accountId: number, password: string): Promise<void> {
  if (password.length < 12) throw badRequest('A password needs at least 12 characters');
  db.update(account)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(account.id, accountId))
    .run();
}

export async function authenticateWithPassword(
  db: Db,
  email: string,
  password: string,
): Promise<Actor | null> {
  const row = findAccountByEmail(db, email);
  const ok = await verifyPassword(password, row?.passwordHash ?? null);
  if (!row || !ok || row.disabledAt) return null;
  return { id: row.id, email: row.email, role: row.role };
}

/** Prepared once per database: this runs on every authenticated request. */
export function apiTokenVerifier(db: Db): (token: string) => Actor | null {
  const find = db
    .select({ id: account.id, email: account.email, role: account.role, secretHash: apiToken.secretHash })
    .from(apiToken)
    .innerJoin(account, eq(account.id, apiToken.accountId))
    .where(
      and(
        eq(apiToken.lookupId, sql.placeholder('lookupId')),
        isNull(apiToken.revokedAt),
        isNull(account.disabledAt),
      ),
    )
    .prepare();
  return (token) => {
    const parts = parseSecretToken(TOKEN_PREFIX, token);
    if (!parts) return null;
    const row = find.get({ lookupId: parts.lookupId });
    if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
    return { id: row.id, email: row.email, role: row.role };
  };
}
