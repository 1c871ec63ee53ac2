import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invitation } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import { newSecretToken, parseSecretToken, secretMatches } from '../accounts/credentials.ts';

/** Answer links look like /rsvp/rsvp_<lookup>_<secret>; only the secret's hash is stored. */
const PREFIX = 'rsvp';

export type InvitationRow = typeof invitation.$inferSelect;

/**
 * Gives an invitation a new answer-link secret (replacing any earlier one) valid until
 * `expiresAt` (the meeting's end). Returns the token for the email; it is never stored.
 */
export function issueAnswerToken(db: Db, invitationId: number, expiresAt: string): string {
  const { token, lookupId, secretHash } = newSecretToken(PREFIX);
  // prepared: a send issues one per invitee, thousands in one transaction
  prepared(
    db,
    'UPDATE invitation SET token_lookup_id = ?, token_hash = ?, token_expires_at = ? WHERE id = ?',
  ).run(lookupId, secretHash, expiresAt, invitationId);
  return token;
}

const BY_LOOKUP_ID = `
  SELECT id, meeting_id AS meetingId, person_id AS personId, response, responded_at AS respondedAt,
         comment, token_lookup_id AS tokenLookupId, token_hash AS tokenHash,
         token_expires_at AS tokenExpiresAt, delegated_from_id AS delegatedFromId,
         added_by_hand AS addedByHand, withdrawn_at AS withdrawnAt, created_at AS createdAt,
         updated_at AS updatedAt
  FROM invitation WHERE token_lookup_id = ?`;

// prepared: building the query costs ~30× reading the row (measured 590 µs against 20 µs)
function invitationByLookupId(db: Db, lookupId: string): InvitationRow | undefined {
  const row = prepared<Omit<InvitationRow, 'addedByHand'> & { addedByHand: number }>(db, BY_LOOKUP_ID).get(
    lookupId,
  );
  return row && { ...row, addedByHand: row.addedByHand === 1 };
}

/**
 * Another answer link for an invitation that already has one (an update after a new time): the
 * earlier link keeps working. Returns the token for the email; only its hash is stored.
 */
export function issueFurtherAnswerToken(db: Db, invitationId: number, expiresAt: string): string {
  const { token, lookupId, secretHash } = newSecretToken(PREFIX);
  prepared(
    db,
    `INSERT INTO answer_link (invitation_id, lookup_id, secret_hash, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(invitationId, lookupId, secretHash, expiresAt, new Date().toISOString());
  return token;
}

/** The first link lives on the invitation row; later ones in answer_link. */
function furtherLink(
  db: Db,
  lookupId: string,
): { invitationId: number; secretHash: string; expiresAt: string | null } | undefined {
  return prepared<{ invitationId: number; secretHash: string; expiresAt: string | null }>(
    db,
    `SELECT invitation_id AS invitationId, secret_hash AS secretHash, expires_at AS expiresAt
     FROM answer_link WHERE lookup_id = ?`,
  ).get(lookupId);
}

/** The invitation an answer link belongs to, or null for unknown, tampered or expired links. */
export function findInvitationByAnswerToken(db: Db, token: string, now = new Date()): InvitationRow | null {
  const parsed = parseSecretToken(PREFIX, token);
  if (!parsed) return null;
  const row = invitationByLookupId(db, parsed.lookupId);
  if (row) {
    if (!row.tokenHash || !secretMatches(parsed.secret, row.tokenHash)) return null;
    if (row.tokenExpiresAt && Date.parse(row.tokenExpiresAt) < now.getTime()) return null;
    return row;
  }
  const link = furtherLink(db, parsed.lookupId);
  if (!link || !secretMatches(parsed.secret, link.secretHash)) return null;
  if (link.expiresAt && Date.parse(link.expiresAt) < now.getTime()) return null;
  return db.select().from(invitation).where(eq(invitation.id, link.invitationId)).get() ?? null;
}

/** Keeps links alive as long as the meeting when it moves. */
export function extendAnswerTokens(db: Db, meetingId: number, expiresAt: string): void {
  db.update(invitation).set({ tokenExpiresAt: expiresAt }).where(eq(invitation.meetingId, meetingId)).run();
  prepared(
    db,
    `UPDATE answer_link SET expires_at = ? WHERE invitation_id IN (SELECT id FROM invitation WHERE meeting_id = ?)`,
  ).run(expiresAt, meetingId);
}

/** Every link of an invitation stops working (it is put back on the list as not yet invited). */
export function revokeFurtherAnswerTokens(db: Db, invitationId: number): void {
  prepared(db, 'DELETE FROM answer_link WHERE invitation_id = ?').run(invitationId);
}
