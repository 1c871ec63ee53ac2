import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { account } from './accounts.ts';

/**
 * A person who signed in through the organisation's OpenID Connect provider: the provider's
 * subject, the e-mail it vouched for, and the account it belongs to — none until an admin has
 * granted that e-mail a role (an account), so signing in alone never gives access.
 */
export const oidcIdentity = sqliteTable(
  'oidc_identity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    email: text('email').notNull(),
    name: text('name'),
    accountId: integer('account_id').references(() => account.id, { onDelete: 'cascade' }),
    firstSeenAt: text('first_seen_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [uniqueIndex('oidc_identity_subject_uq').on(t.issuer, t.subject)],
);
