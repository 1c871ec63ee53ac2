import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { readTogether } from '../../db/statements.ts';
import { actorOf } from './access.ts';
import type { Actor } from './accounts.ts';
import { newSecretToken, parseSecretToken, secretMatches } from './credentials.ts';
import { deleteSession, deleteSessionsExpiredBy, insertSession, liveSession } from './queries/accounts.ts';

export const SESSION_PREFIX = 'sess';
export const SESSION_COOKIE = 'samraad_session';
/** A working day and then some: a facilitator logs in again the next morning. */
export const SESSION_HOURS = 12;

/** Starts a browser session; the returned value goes into the cookie and is never stored. */
export function createSession(db: Db, accountId: number, now = new Date()): string {
  const { token, lookupId, secretHash } = newSecretToken(SESSION_PREFIX);
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  insertSession(db, {
    accountId,
    lookupId,
    secretHash,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  });
  return token;
}

/** The account behind a session cookie, or null when unknown, expired or the account is disabled. */
export function sessionActor(db: Db, token: string, now = new Date()): Actor | null {
  const parts = parseSecretToken(SESSION_PREFIX, token);
  if (!parts) return null;
  // the session and its account's programmes in one read transaction: one read lock, not two
  return readTogether(db, () => {
    const row = liveSession(db, parts.lookupId, now.toISOString());
    if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
    return actorOf(db, row);
  });
}

/** Logs out: the row goes, so the cookie is worthless even if kept. */
export function endSession(db: Db, token: string): void {
  const parts = parseSecretToken(SESSION_PREFIX, token);
  if (parts) deleteSession(db, parts.lookupId);
}

export function deleteExpiredSessions(db: Db, now = new Date()): number {
  return deleteSessionsExpiredBy(db, now.toISOString());
}

/**
 * The form token of a session: derived from the cookie's secret, so nothing extra is stored and a
 * page from another site, which cannot read the cookie, cannot know it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('samraad-csrf').digest('base64url');
}

export function csrfTokenMatches(expected: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh random value for the login form's double-submit cookie (no session exists yet). */
export function newLoginNonce(): string {
  return randomBytes(24).toString('base64url');
}
