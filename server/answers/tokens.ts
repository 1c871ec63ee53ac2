import type { Db } from '../../db/client.ts';
import { newSecretToken, newSecretTokens, parseSecretToken, secretMatches } from '../accounts/credentials.ts';
import type { Invitee } from './meeting-reads.ts';
import {
  answerLinkByLookupId,
  deleteAnswerLinks,
  findInvitee,
  type InvitationRow,
  insertAnswerLink,
  invitationById,
  invitationByLookupId,
  inviteeByLookupId,
  setAnswerLinksExpiry,
  setAnswerToken,
} from './queries.ts';

/** Answer links look like /rsvp/rsvp_<lookup>_<secret>; only the secret's hash is stored. */
const PREFIX = 'rsvp';

export type { InvitationRow };

/**
 * Gives an invitation a new answer-link secret (replacing any earlier one) valid until
 * `expiresAt` (the meeting's end). Returns the token for the email; it is never stored.
 */
export function issueAnswerToken(db: Db, invitationId: number, expiresAt: string): string {
  return issueAnswerTokens(db, [invitationId], expiresAt).get(invitationId)!;
}

/** issueAnswerToken for many invitations at once (a meeting's invitees): tokens by invitation id. */
export function issueAnswerTokens(db: Db, invitationIds: number[], expiresAt: string): Map<number, string> {
  const fresh = newSecretTokens(PREFIX, invitationIds.length);
  const tokens = new Map<number, string>();
  invitationIds.forEach((id, i) => {
    const { token, lookupId, secretHash } = fresh[i]!;
    setAnswerToken(db, id, { lookupId, secretHash, expiresAt });
    tokens.set(id, token);
  });
  return tokens;
}

/**
 * Another answer link for an invitation that already has one (an update after a new time): the
 * earlier link keeps working. Returns the token for the email; only its hash is stored.
 */
export function issueFurtherAnswerToken(db: Db, invitationId: number, expiresAt: string): string {
  const { token, lookupId, secretHash } = newSecretToken(PREFIX);
  insertAnswerLink(db, invitationId, {
    lookupId,
    secretHash,
    expiresAt,
    createdAt: new Date().toISOString(),
  });
  return token;
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
  // the first link lives on the invitation row; later ones in answer_link
  const link = answerLinkByLookupId(db, parsed.lookupId);
  if (!link || !secretMatches(parsed.secret, link.secretHash)) return null;
  if (link.expiresAt && Date.parse(link.expiresAt) < now.getTime()) return null;
  return invitationById(db, link.invitationId) ?? null;
}

/**
 * The invitee an answer link belongs to, or null for unknown, tampered or expired links: the same
 * checks as findInvitationByAnswerToken, for the answer page and answers, which need the invitee
 * (read with the first link in one statement).
 */
export function findInviteeByAnswerToken(db: Db, token: string, now = new Date()): Invitee | null {
  const parsed = parseSecretToken(PREFIX, token);
  if (!parsed) return null;
  const row = inviteeByLookupId(db, parsed.lookupId);
  if (row) {
    if (!row.secretHash || !secretMatches(parsed.secret, row.secretHash)) return null;
    if (row.expiresAt && Date.parse(row.expiresAt) < now.getTime()) return null;
    return row.invitee;
  }
  const link = answerLinkByLookupId(db, parsed.lookupId);
  if (!link || !secretMatches(parsed.secret, link.secretHash)) return null;
  if (link.expiresAt && Date.parse(link.expiresAt) < now.getTime()) return null;
  return findInvitee(db, link.invitationId) ?? null;
}

/** Keeps links alive as long as the meeting when it moves. */
export function extendAnswerTokens(db: Db, meetingId: number, expiresAt: string): void {
  setAnswerLinksExpiry(db, meetingId, expiresAt);
}

/** Every link of an invitation stops working (it is put back on the list as not yet invited). */
export function revokeFurtherAnswerTokens(db: Db, invitationId: number): void {
  deleteAnswerLinks(db, invitationId);
}
