import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type AccountRole, accountRoles } from '../../db/schema/index.ts';
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
import {
  type AccountRow,
  accountByEmail,
  accountIdByEmail,
  insertAccount,
  insertApiToken,
  liveApiTokenLookup,
  setPasswordHash,
} from './queries.ts';

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
  if (accountIdByEmail(db, email) !== undefined) throw conflict(`An account for ${email} already exists`);
  return insertAccount(db, { email, role, name, createdAt: nowIso() });
}

export function findAccountByEmail(db: Db, email: string): AccountRow | undefined {
  return accountByEmail(db, email.toLowerCase());
}

/** Creates a new API token for the account; the token itself is returned once and never stored. */
export function issueApiToken(db: Db, accountId: number, label?: string): string {
  const { token, lookupId, secretHash } = newSecretToken(TOKEN_PREFIX);
  insertApiToken(db, { accountId, lookupId, secretHash, label, createdAt: nowIso() });
  return token;
}

export async function setPassword(db: Db, accountId: number, password: string): Promise<void> {
  if (password.length < 12) throw badRequest('A password needs at least 12 characters');
  setPasswordHash(db, accountId, await hashPassword(password));
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
  const find = liveApiTokenLookup(db);
  return (token) => {
    const parts = parseSecretToken(TOKEN_PREFIX, token);
    if (!parts) return null;
    const row = find(parts.lookupId);
    if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
    return { id: row.id, email: row.email, role: row.role };
  };
}
