import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { programme } from './programmes.ts';

/** Kinds of organisation; the Danish and Norwegian shapes in DOMAIN.md are all data over these. */
export const organisationKinds = [
  'police_district',
  'municipality',
  'childrens_house',
  'local_police_unit',
  'facilitator_body',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const roleLevels = ['leadership', 'practice'] as const;
export type RoleLevel = (typeof roleLevels)[number];

/** Which side of the table an organisation or role sits on. */
export const sides = ['police', 'municipal', 'childrens_house', 'facilitator', 'other'] as const;
export type Side = (typeof sides)[number];

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

export const organisation = sqliteTable(
  'organisation',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    name: text('name').notNull(),
    /** Official code where one exists (kommunekode, politikredskode). */
    code: text('code'),
    region: text('region'),
    address: text('address'),
    /** e.g. a local police unit under its district. */
    parentId: integer('parent_id').references((): AnySQLiteColumn => organisation.id, {
      onDelete: 'set null',
    }),
    /** Stable key of seeded rows, so seeding can find them again without duplicating. */
    seedKey: text('seed_key'),
    /** Set when a person edits the row; seeding never overwrites an edited row. */
    editedAt: text('edited_at'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('organisation_kind_code_uq').on(t.kind, t.code),
    uniqueIndex('organisation_seed_key_uq').on(t.seedKey),
    index('organisation_kind_idx').on(t.kind, t.name),
  ],
);

/** A convening area: the organisations that meet together (a police district and its municipalities). */
export const area = sqliteTable(
  'area',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Free text kind, e.g. "police_district" or "family_counselling_office". */
    kind: text('kind').notNull(),
    /** The programme whose meetings the area holds; null for an area no programme uses yet. */
    programmeId: integer('programme_id').references((): AnySQLiteColumn => programme.id, {
      onDelete: 'restrict',
    }),
    /** The organisation that convenes (the police district; the counselling office). */
    convenerId: integer('convener_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'restrict' }),
    seedKey: text('seed_key'),
    editedAt: text('edited_at'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('area_seed_key_uq').on(t.seedKey),
    uniqueIndex('area_convener_kind_uq').on(t.convenerId, t.kind),
  ],
);

export const areaMemberRoles = ['convener', 'member', 'support'] as const;

export const areaMember = sqliteTable(
  'area_member',
  {
    areaId: integer('area_id')
      .notNull()
      .references(() => area.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    /** convener = the police district, member = a municipality, support = e.g. the children's house. */
    memberRole: text('member_role', { enum: areaMemberRoles }).notNull().default('member'),
    /** Whether the organisation is willing to host the area's meeting (venue rotation). */
    willingToHost: integer('willing_to_host', { mode: 'boolean' }).notNull().default(true),
    /** Copy of area.kind so one organisation can be a plain member of at most one area of a kind. */
    areaKind: text('area_kind').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.areaId, t.organisationId] }),
    index('area_member_org_idx').on(t.organisationId),
    // a municipality is a member of exactly one police district
    uniqueIndex('area_member_one_area_per_kind_uq')
      .on(t.areaKind, t.organisationId)
      .where(sql`member_role = 'member'`),
  ],
);

/** The editable catalogue of roles a contact person can hold. */
export const role = sqliteTable(
  'role',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level', { enum: roleLevels }).notNull(),
    side: text('side', { enum: sides }).notNull(),
    /** Whether the role is in a meeting's audience unless the cycle or meeting says otherwise. */
    inDefaultAudience: integer('in_default_audience', { mode: 'boolean' }).notNull().default(true),
    seedKey: text('seed_key'),
    editedAt: text('edited_at'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('role_key_uq').on(t.key), uniqueIndex('role_seed_key_uq').on(t.seedKey)],
);

export const person = sqliteTable(
  'person',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** Stored lower-case: people are matched by email. */
    email: text('email').notNull(),
    phone: text('phone'),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'restrict' }),
    title: text('title'),
    isFixedContact: integer('is_fixed_contact', { mode: 'boolean' }).notNull().default(false),
    /** A code from the `language` table (checked when people are saved; no foreign key, so no table rebuild). */
    language: text('language').notNull().default('da'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('person_email_uq').on(t.email),
    index('person_org_idx').on(t.organisationId),
    index('person_name_idx').on(t.name, t.id),
    check('person_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

export const personRole = sqliteTable(
  'person_role',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    roleId: integer('role_id')
      .notNull()
      .references(() => role.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.roleId] }), index('person_role_role_idx').on(t.roleId)],
);
