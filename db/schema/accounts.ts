import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { programme } from './programmes.ts';

export const accountRoles = ['admin', 'facilitator', 'viewer'] as const;
export type AccountRole = (typeof accountRoles)[number];

/**
 * A facilitator's login to the platform (not a contact person). `role` admin is a platform admin, who
 * sees every programme; a facilitator or viewer sees only the programmes account_programme gives them.
 */
export const account = sqliteTable(
  'account',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name'),
    role: text('role', { enum: accountRoles }).notNull(),
    /** scrypt hash "scrypt$N$r$p$salt$hash", null until a password is set. */
    passwordHash: text('password_hash'),
    disabledAt: text('disabled_at'),
    /** The language the account reads the pages in (da, nb, en); null: its programme's language. */
    language: text('language'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('account_email_uq').on(t.email)],
);

export const programmeRoles = ['facilitator', 'viewer'] as const;
export type ProgrammeRole = (typeof programmeRoles)[number];

/** The programmes a (non-admin) account works in, and as what: it sees and changes nothing else. */
export const accountProgramme = sqliteTable(
  'account_programme',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programme.id, { onDelete: 'cascade' }),
    role: text('role', { enum: programmeRoles }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.programmeId] }),
    index('account_programme_programme_idx').on(t.programmeId),
  ],
);

export const apiToken = sqliteTable(
  'api_token',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    /** Public, non-secret part of the token, used to find the row. */
    lookupId: text('lookup_id').notNull(),
    /** SHA-256 of the secret part. */
    secretHash: text('secret_hash').notNull(),
    label: text('label'),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_token_lookup_uq').on(t.lookupId), index('api_token_account_idx').on(t.accountId)],
);

export const auditActions = ['create', 'update', 'delete', 'import', 'send', 'plan'] as const;

/** Who changed what, when: every write lands here in the same transaction. */
export const auditEntry = sqliteTable(
  'audit_entry',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    accountId: integer('account_id').references(() => account.id, { onDelete: 'set null' }),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** The programme the change belongs to (a meeting's, an outcome's); null for the shared register. */
    programmeId: integer('programme_id'),
    /** JSON: {field: [before, after]} for updates, the record for create/delete. */
    changes: text('changes', { mode: 'json' }),
  },
  // no index on `at`: the log is read newest first by id, which follows the time of writing, and an
  // index nobody reads cost every audited write an entry (~1 µs of a person's creation)
  (t) => [
    // one record's history is found among its kind's entries, which this index holds in the order
    // written: each new entry goes at the end of its kind's run. Keyed by record id instead, every
    // answer to one of 2,000 invitations wrote a page of its own at a random place in the index
    // (a tenth of an answer's CPU under load); a kind's entries are a few thousand a year, read
    // from the index alone.
    index('audit_entity_time_idx').on(t.entity, t.id, t.entityId),
    // the log is read by programme only for a given one (programme_id = ?): the shared register's
    // entries (people, organisations, catalogues) are left out, and their writes pay no entry for it
    index('audit_programme_idx').on(t.programmeId, t.id).where(sql`programme_id IS NOT NULL`),
  ],
);
