import type { DbOrTx } from '../../db/statements.ts';
import { newSecretToken, parseSecretToken, secretMatches } from '../accounts/credentials.ts';
import { contactByLookupId, type ProposalContactRow } from './queries.ts';

/** Date links look like /datoforslag/dato_<lookup>_<secret>; only the secret's hash is stored. */
const PREFIX = 'dato';

export function newDateLink() {
  return newSecretToken(PREFIX);
}

/** The contact a date link belongs to, or null for unknown or tampered links. */
export function contactOfLink(db: DbOrTx, token: string): ProposalContactRow | null {
  const parsed = parseSecretToken(PREFIX, token);
  if (!parsed) return null;
  const row = contactByLookupId(db, parsed.lookupId);
  if (!row?.tokenHash || !secretMatches(parsed.secret, row.tokenHash)) return null;
  return row;
}
