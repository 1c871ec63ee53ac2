import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisation, person } from './register.ts';

/** A place where meetings are held: its full address, the practical facts, and who hosts there. */
export const venue = sqliteTable(
  'venue',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    street: text('street').notNull(),
    postcode: text('postcode').notNull(),
    town: text('town').notNull(),
    /** The meeting room ("Mødelokale 2.14"). */
    room: text('room'),
    /** How to get there and where to park. */
    directions: text('directions'),
    accessibility: text('accessibility'),
    seats: integer('seats'),
    hostOrganisationId: integer('host_organisation_id').references(() => organisation.id, {
      onDelete: 'set null',
    }),
    /** Who at the host receives the needs list and confirms hosting. */
    hostContactId: integer('host_contact_id').references(() => person.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('venue_host_idx').on(t.hostOrganisationId), index('venue_name_idx').on(t.name)],
);
