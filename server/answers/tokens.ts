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
  const links = newAnswerLinks(invitationIds.length, expiresAt);
  const tokens = new Map<number, string>();
  invitationIds.forEach((id, i) => {
    const { token, link } = links[i]!;
    setAnswerToken(db, id, link);
    tokens.set(id, token);
  });
  return tokens;
}

/**
 * Answer links for `count` invitations about to be made: what each row stores (insertInvitation's
 * `link`, only the secret's hash) and the token for its email, which is never stored.
 */
export function newAnswerLinks(
  count: number,
  expiresAt: string,
): { token: string; link: { lookupId: string; secretHash: string; expiresAt: string } }[] {
  return newSecretTokens(PREFIX, count).map(({ token, lookupId, secretHash }) => ({
    token,
    link: { lookupId, secretHash, expiresAt },
  }));
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

/** A link's secret and expiry as stored: on the invitation row for the first link, in answer_link for later ones. */
interface StoredLink {
  secretHash: string | null;
  expiresAt: string | null;
}

/** The last expiry parsed: a meeting's links share one (its end), parsed once, not per link opened (~0.25 µs). */
let lastExpiry = { text: '', time: Number.NaN };

function expiryTime(text: string): number {
  if (text !== lastExpiry.text) lastExpiry = { text, time: Date.parse(text) };
  return lastExpiry.time;
}

/** The link opens: its secret matches the stored hash and it has not expired. */
function opens(secret: string, link: StoredLink, now: Date): boolean {
  if (!link.secretHash || !secretMatches(secret, link.secretHash)) return false;
  return !(link.expiresAt && expiryTime(link.expiresAt) < now.getTime());
}

/**
 * What an answer link opens, or null for unknown, tampered or expired links. `first` reads the
 * invitation row whose first link has the lookup id (with what it opens), `later` what a later link's
 * invitation opens: the checks are the same whichever the caller needs.
 */
function openedBy<T>(
  db: Db,
  token: string,
  now: Date,
  first: (lookupId: string) => (StoredLink & { opened: T }) | undefined,
  later: (invitationId: number) => T | undefined,
): T | null {
  const parsed = parseSecretToken(PREFIX, token);
  if (!parsed) return null;
  const row = first(parsed.lookupId);
  if (row) return opens(parsed.secret, row, now) ? row.opened : null;
  // the first link lives on the invitation row; later ones in answer_link
  const link = answerLinkByLookupId(db, parsed.lookupId);
  if (!link || !opens(parsed.secret, link, now)) return null;
  return later(link.invitationId) ?? null;
}

/** The invitation an answer link belongs to, or null for unknown, tampered or expired links. */
export function findInvitationByAnswerToken(db: Db, token: string, now = new Date()): InvitationRow | null {
  return openedBy(
    db,
    token,
    now,
    (lookupId) => {
      const row = invitationByLookupId(db, lookupId);
      return row && { secretHash: row.tokenHash, expiresAt: row.tokenExpiresAt, opened: row };
    },
    (invitationId) => invitationById(db, invitationId),
  );
}

/**
 * The invitee an answer link belongs to, for the answer page and answers, which need the invitee
 * (read with the first link in one statement); null as for findInvitationByAnswerToken.
 */
export function findInviteeByAnswerToken(db: Db, token: string, now = new Date()): Invitee | null {
  return openedBy(
    db,
    token,
    now,
    (lookupId) => {
      const row = inviteeByLookupId(db, lookupId);
      return row && { secretHash: row.secretHash, expiresAt: row.expiresAt, opened: row.invitee };
    },
    (invitationId) => findInvitee(db, invitationId),
  );
}

/** Keeps links alive as long as the meeting when it moves. */
export function extendAnswerTokens(db: Db, meetingId: number, expiresAt: string): void {
  setAnswerLinksExpiry(db, meetingId, expiresAt);
}

/** Every link of an invitation stops working (it is put back on the list as not yet invited). */
export function revokeFurtherAnswerTokens(db: Db, invitationId: number): void {
  deleteAnswerLinks(db, invitationId);
}
