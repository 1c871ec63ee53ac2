import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { organisation } from './register.ts';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** Names of a catalogue row in the languages that have texts; `da` is always there. */
export type Labels = Record<string, string>;

/**
 * Languages people and programmes can choose. A language without its own message catalogue reads
 * the texts of `textsFrom` (e.g. Nynorsk reading bokmål) until one is written.
 */
export const language = sqliteTable('language', {
  /** BCP 47 code: da, nb, en. */
  code: text('code').primaryKey(),
  /** The language's own name: "Dansk", "Norsk bokmål", "English". */
  name: text('name').notNull(),
  textsFrom: text('texts_from').notNull(),
  ...timestamps,
});

/** Sectors an organisation or role belongs to (police, municipality, child welfare, ministry, …). */
export const sector = sqliteTable('sector', {
  key: text('key').primaryKey(),
  labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
  ...timestamps,
});

/** Kinds of organisation (police district, municipality, borough, counselling office, …). */
export const organisationKind = sqliteTable('organisation_kind', {
  key: text('key').primaryKey(),
  labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
  sectorKey: text('sector_key').references((): AnySQLiteColumn => sector.key, { onDelete: 'restrict' }),
  ...timestamps,
});

/**
 * A programme: one kind of recurring cross-sector meeting, set up by data — the Danish
 * politikredsmøder are the first. Its settings (audience, outcome taxonomy, planning defaults) are
 * JSON checked by server/programmes/schemas.ts.
 */
export const programme = sqliteTable(
  'programme',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Short stable name for URLs and files: "dk-politikredsmoeder". */
    key: text('key').notNull(),
    name: text('name').notNull(),
    ownerOrganisationId: integer('owner_organisation_id').references(() => organisation.id, {
      onDelete: 'set null',
    }),
    languageCode: text('language_code')
      .notNull()
      .references(() => language.code, { onDelete: 'restrict' }),
    /** ISO 3166 country (and optional region) of the public holidays never planned on. */
    holidayCountry: text('holiday_country').notNull(),
    holidayRegion: text('holiday_region'),
    timeZone: text('time_zone').notNull(),
    /** The kind of convening area the programme meets in (police_district, region, …). */
    areaKind: text('area_kind').notNull(),
    settings: text('settings', { mode: 'json' }).notNull(),
    /** "{programme} {year} – {area}": the meeting title pattern. */
    titlePattern: text('title_pattern').notNull(),
    signature: text('signature'),
    /** Where replies go when a meeting has no facilitator. */
    replyAddress: text('reply_address'),
    seedKey: text('seed_key'),
    editedAt: text('edited_at'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('programme_key_uq').on(t.key),
    uniqueIndex('programme_seed_key_uq').on(t.seedKey),
    index('programme_area_kind_idx').on(t.areaKind),
  ],
);
