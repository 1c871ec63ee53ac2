import type { Db } from '../../db/client.ts';
import { nowIso } from '../time.ts';
import { actorOf } from './access.ts';
import type { Actor } from './accounts.ts';
import {
  accountByEmail,
  accountById,
  insertOidcIdentity,
  oidcIdentityOf,
  updateOidcIdentity,
} from './queries/accounts.ts';

export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string;
  name?: string | null;
}

/** Who signed in: an account with a role, or someone still waiting for an admin to grant one. */
export type OidcSignIn = { kind: 'account'; actor: Actor } | { kind: 'waiting'; email: string };

/**
 * Matches a provider's identity to an account: by the subject once linked, else by the e-mail the
 * provider vouched for (then linked). Without an account the identity is recorded and waits, with
 * no role, until an admin creates the account for that e-mail (`user:create --email E --role R`).
 */
export function signInWithOidc(db: Db, claims: OidcClaims): OidcSignIn {
  const now = nowIso();
  const email = claims.email.trim().toLowerCase();
  return db.transaction((tx) => {
    const known = oidcIdentityOf(tx, claims.issuer, claims.subject);
    const linked = known?.accountId ? accountById(tx, known.accountId) : accountByEmail(tx, email);
    const accountId = linked && !linked.disabledAt ? linked.id : null;
    if (known)
      updateOidcIdentity(tx, known.id, {
        email,
        name: claims.name ?? known.name,
        accountId,
        lastSeenAt: now,
      });
    else
      insertOidcIdentity(tx, {
        issuer: claims.issuer,
        subject: claims.subject,
        email,
        name: claims.name ?? null,
        accountId,
        firstSeenAt: now,
        lastSeenAt: now,
      });
    if (!linked || accountId === null) return { kind: 'waiting', email };
    return { kind: 'account', actor: actorOf(tx, linked) };
  });
}
