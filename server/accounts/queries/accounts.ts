import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type AccountRole, account, apiToken, oidcIdentity } from '../../../db/schema/index.ts';
import { type DbOrTx, prepared } from '../../../db/statements.ts';

/** Accounts' SQL in one place (accounts, API tokens, sessions, OIDC identities), returning typed rows. */

export type AccountRow = typeof account.$inferSelect;
export type OidcIdentityRow = typeof oidcIdentity.$inferSelect;
type Signed = { id: number; email: string; role: AccountRole; secretHash: string };

export function accountIdByEmail(db: Db, email: string): number | undefined {
  return db.select({ id: account.id }).from(account).where(eq(account.email, email)).get()?.id;
}

export function insertAccount(
  db: DbOrTx,
  values: typeof account.$inferInsert,
): { id: number; email: string; role: AccountRole } {
  return db
    .insert(account)
    .values(values)
    .returning({ id: account.id, email: account.email, role: account.role })
    .get();
}

export function accountByEmail(db: DbOrTx, email: string): AccountRow | undefined {
  return db.select().from(account).where(eq(account.email, email)).get();
}

export function accountById(db: DbOrTx, id: number): AccountRow | undefined {
  return db.select().from(account).where(eq(account.id, id)).get();
}

export function setPasswordHash(db: Db, accountId: number, passwordHash: string): void {
  db.update(account).set({ passwordHash }).where(eq(account.id, accountId)).run();
}

/** Read on every page: the language the account chose for the pages (null: its programme's). */
export function accountLanguageCode(db: Db, accountId: number): string | null {
  return (
    prepared<{ language: string | null }>(db, 'SELECT language FROM account WHERE id = ?').get(accountId)
      ?.language ?? null
  );
}

export function setAccountLanguageCode(db: DbOrTx, accountId: number, language: string | null): void {
  db.update(account).set({ language }).where(eq(account.id, accountId)).run();
}

export function insertApiToken(db: Db, values: typeof apiToken.$inferInsert): void {
  db.insert(apiToken).values(values).run();
}

/** Prepared once per database: the caller keeps the function, as it runs on every authenticated request. */
export function liveApiTokenLookup(db: Db): (lookupId: string) => Signed | undefined {
  // plain SQL: drizzle's prepared query maps the row field by field, which cost more than the read
  const find = prepared<Signed>(
    db,
    `SELECT a.id, a.email, a.role, t.secret_hash AS secretHash FROM api_token t JOIN account a ON a.id = t.account_id
     WHERE t.lookup_id = ? AND t.revoked_at IS NULL AND a.disabled_at IS NULL`,
  );
  return (lookupId) => find.get(lookupId);
}

export function insertSession(
  db: Db,
  row: { accountId: number; lookupId: string; secretHash: string; createdAt: string; expiresAt: string },
): void {
  prepared(
    db,
    'INSERT INTO session (account_id, lookup_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(row.accountId, row.lookupId, row.secretHash, row.createdAt, row.expiresAt);
}

/** The live session's account (not expired, account not disabled) with the secret's hash to compare. */
export function liveSession(db: Db, lookupId: string, now: string): Signed | undefined {
  return prepared<Signed>(
    db,
    `SELECT a.id, a.email, a.role, s.secret_hash AS secretHash
     FROM session s JOIN account a ON a.id = s.account_id
     WHERE s.lookup_id = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
  ).get(lookupId, now);
}

export function deleteSession(db: Db, lookupId: string): void {
  prepared(db, 'DELETE FROM session WHERE lookup_id = ?').run(lookupId);
}

export function deleteSessionsExpiredBy(db: Db, now: string): number {
  return prepared(db, 'DELETE FROM session WHERE expires_at <= ?').run(now).changes;
}

export function oidcIdentityOf(db: DbOrTx, issuer: string, subject: string): OidcIdentityRow | undefined {
  return db
    .select()
    .from(oidcIdentity)
    .where(and(eq(oidcIdentity.issuer, issuer), eq(oidcIdentity.subject, subject)))
    .get();
}

export function updateOidcIdentity(
  db: DbOrTx,
  id: number,
  set: Partial<typeof oidcIdentity.$inferInsert>,
): void {
  db.update(oidcIdentity).set(set).where(eq(oidcIdentity.id, id)).run();
}

export function insertOidcIdentity(db: DbOrTx, values: typeof oidcIdentity.$inferInsert): void {
  db.insert(oidcIdentity).values(values).run();
}
