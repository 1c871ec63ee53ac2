import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { account } from './accounts.ts';

/** A browser login. The cookie carries the secret; only its SHA-256 is kept here. */
export const session = sqliteTable(
  'session',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    /** Public, non-secret part of the cookie value, used to find the row. */
    lookupId: text('lookup_id').notNull(),
    /** SHA-256 of the secret part of the cookie value. */
    secretHash: text('secret_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('session_lookup_uq').on(t.lookupId), index('session_account_idx').on(t.accountId)],
);
