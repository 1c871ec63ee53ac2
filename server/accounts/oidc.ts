import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { account, oidcIdentity } from '../../db/schema/index.ts';
import { nowIso } from '../time.ts';
import type { Actor } from './accounts.ts';

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
    const known = tx
      .select()
      .from(oidcIdentity)
      .where(and(eq(oidcIdentity.issuer, claims.issuer), eq(oidcIdentity.subject, claims.subject)))
      .get();
    const linked = known?.accountId
      ? tx.select().from(account).where(eq(account.id, known.accountId)).get()
      : tx.select().from(account).where(eq(account.email, email)).get();
    const accountId = linked && !linked.disabledAt ? linked.id : null;
    if (known)
      tx.update(oidcIdentity)
        .set({ email, name: claims.name ?? known.name, accountId, lastSeenAt: now })
        .where(eq(oidcIdentity.id, known.id))
        .run();
    else
      tx.insert(oidcIdentity)
        .values({
          issuer: claims.issuer,
          subject: claims.subject,
          email,
          name: claims.name ?? null,
          accountId,
          firstSeenAt: now,
          lastSeenAt: now,
        })
        .run();
    if (!linked || accountId === null) return { kind: 'waiting', email };
    return { kind: 'account', actor: { id: linked.id, email: linked.email, role: linked.role } };
  });
}
