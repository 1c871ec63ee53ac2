import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type AccountRole, accountRoles, type ProgrammeRole, programmeRoles } from '../../db/schema/index.ts';
import { type DbOrTx, readTogether, whileUnchanged } from '../../db/statements.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest, conflict, notFound } from '../http/problems.ts';
import { Text } from '../http/text.ts';
import { isLanguage, type Language, textLanguages } from '../text/language.ts';
import { nowIso } from '../time.ts';
import { actorOf, type ProgrammeScope } from './access.ts';
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
  accountLanguageCode,
  insertAccount,
  insertApiToken,
  liveApiTokenLookup,
  setAccountLanguageCode,
  setPasswordHash,
} from './queries/accounts.ts';
import {
  accountsWithProgrammes,
  programmeByKey,
  programmeKeys,
  replaceMemberships,
} from './queries/scope.ts';

export const TOKEN_PREFIX = 'smr';

export const NewAccount = z.strictObject({
  email: z.email().transform((e) => e.toLowerCase()),
  role: z.enum(accountRoles),
  name: Text('name').min(1).optional(),
  programmes: z
    .array(Text('code'))
    .optional()
    .describe(
      'Keys of the programmes a facilitator or viewer works in, with that role; left out when only one programme exists, which is then given',
    ),
});
export type NewAccount = z.input<typeof NewAccount>;

/** The signed-in account as the rest of the service sees it. */
export interface Actor {
  /** null for the command line, which acts without an account. */
  id: number | null;
  email: string;
  /** admin for platform admins; otherwise facilitator if the account may change some programme. */
  role: AccountRole;
  /** The programmes the account works in (server/accounts/access.ts decides with it). */
  programmes: ProgrammeScope;
}

/** Who the audit log names for changes made from the command line, which acts as a platform admin. */
export const commandLineActor: Actor = { id: null, email: 'cli', role: 'admin', programmes: 'all' };

/**
 * Creates an account. A facilitator or viewer works in the programmes named (`programmes`, keys), each
 * with the account's role; when none are named and the platform has exactly one programme, that one,
 * so a single-programme installation needs no flag. An admin sees every programme and names none.
 */
export function createAccount(db: Db, input: NewAccount): Actor & { id: number } {
  const parsed = NewAccount.safeParse(input);
  if (!parsed.success)
    throw badRequest(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      parsed.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message })),
    );
  const { email, role, name, programmes } = parsed.data;
  if (accountIdByEmail(db, email) !== undefined) throw conflict(`An account for ${email} already exists`);
  return db.transaction((tx) => {
    const row = insertAccount(tx, { email, role, name, createdAt: nowIso() });
    if (role !== 'admin') {
      const keys = programmes ?? defaultProgrammeKeys(tx);
      setProgrammes(
        tx,
        row.id,
        keys.map((programme) => ({ programme, role })),
      );
    } else if (programmes?.length)
      throw badRequest('An admin sees every programme; name programmes only for a facilitator or viewer', [
        { field: 'body.programmes', message: 'must be left out for an admin' },
      ]);
    return { ...actorOf(tx, row), id: row.id };
  });
}

/** An account's programmes, replaced as a whole (an admin's grant); each key must exist. */
export function setProgrammes(db: DbOrTx, accountId: number, grants: ProgrammeGrant[]): void {
  const rows = grants.map((g, i) => {
    const found = programmeByKey(db, g.programme);
    if (!found)
      throw badRequest(`There is no programme ${g.programme}`, [
        { field: `body.programmes.${i}`, message: `unknown programme ${g.programme}` },
      ]);
    return { programmeId: found.id, role: g.role };
  });
  replaceMemberships(db, accountId, rows);
}

export interface ProgrammeGrant {
  programme: string;
  role: ProgrammeRole;
}

function defaultProgrammeKeys(db: DbOrTx): string[] {
  const all = programmeKeys(db);
  if (all.length === 1) return all;
  throw badRequest(
    `There are ${all.length} programmes (${all.join(', ')}): name the ones the account works in`,
    [{ field: 'body.programmes', message: 'required when there is more than one programme' }],
  );
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
  return actorOf(db, row);
}

/** Prepared once per database: this runs on every authenticated request. */
export function apiTokenVerifier(db: Db): (token: string) => Actor | null {
  const find = liveApiTokenLookup(db);
  return (token) => {
    const parts = parseSecretToken(TOKEN_PREFIX, token);
    if (!parts) return null;
    // The token, its account and programmes are kept while the database is unchanged (whileUnchanged:
    // any write, of this process or another, reads them again, a revocation too), read in one read
    // transaction when they must be; the secret is checked on every request.
    const signed = whileUnchanged(db, `api-token:${parts.lookupId}`, () =>
      readTogether(db, () => {
        const row = find(parts.lookupId);
        return { secretHash: row?.secretHash, actor: row ? actorOf(db, row) : null };
      }),
    );
    if (!signed.actor || !secretMatches(parts.secret, signed.secretHash!)) return null;
    return signed.actor;
  };
}

export const ProgrammeGrantSchema = z.strictObject({
  programme: Text('code').describe('The programme key'),
  role: z.enum(programmeRoles),
});
export const AccountProgrammes = z.strictObject({ programmes: z.array(ProgrammeGrantSchema).max(100) });

export const AccountView = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(accountRoles).describe('admin: a platform admin, every programme'),
    disabled: z.boolean(),
    programmes: z.array(ProgrammeGrantSchema),
  })
  .meta({ id: 'Account' });
export type AccountView = z.infer<typeof AccountView>;

export function listAccounts(db: Db, id: number | null = null): AccountView[] {
  return accountsWithProgrammes(db, id).map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as AccountRole,
    disabled: row.disabledAt !== null,
    programmes: row.programmes ? (JSON.parse(row.programmes) as ProgrammeGrant[]) : [],
  }));
}

export function accountView(db: Db, id: number): AccountView {
  const found = listAccounts(db, id)[0];
  if (!found) throw notFound('Account', id);
  return found;
}

/** An admin gives an account its programmes (replacing the ones it had); audited. */
export function grantProgrammes(
  db: Db,
  actor: Actor,
  accountId: number,
  grants: ProgrammeGrant[],
): AccountView {
  return db.transaction((tx) => {
    const before = accountView(db, accountId);
    if (before.role === 'admin' && grants.length)
      throw badRequest('An admin sees every programme already', [
        { field: 'body.programmes', message: 'must be empty for an admin' },
      ]);
    setProgrammes(tx, accountId, grants);
    const after = accountView(db, accountId);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'account',
      entityId: accountId,
      changes: { programmes: [before.programmes, after.programmes] },
    });
    return after;
  });
}

/** The language an account reads the pages in: da, nb or en, or null for its programme's language. */
export const AccountLanguage = z.strictObject({ language: z.enum(textLanguages).nullable() });
export type AccountLanguage = z.infer<typeof AccountLanguage>;

export function accountLanguage(db: Db, accountId: number): Language | null {
  const code = accountLanguageCode(db, accountId);
  return isLanguage(code) ? code : null;
}

/** The signed-in account chooses its own pages' language; audited like any change to an account. */
export function setAccountLanguage(db: Db, actor: Actor, input: AccountLanguage): void {
  const accountId = actor.id;
  if (accountId === null)
    throw badRequest('The command line has no account to set a language for', [
      { field: 'body.language', message: 'needs a signed-in account' },
    ]);
  db.transaction(() => {
    const before = accountLanguage(db, accountId);
    if (before === input.language) return;
    setAccountLanguageCode(db, accountId, input.language);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'account',
      entityId: accountId,
      changes: { language: [before, input.language] },
    });
  });
}
