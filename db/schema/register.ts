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

/**
 * The organisation kinds the Danish reference data uses. Kinds are rows of the organisation_kind
 * catalogue (an admin adds more); this list is what the seed and the Danish code name.
 */
export const organisationKinds = [
  'police_district',
  'municipality',
  'childrens_house',
  'local_police_unit',
  'facilitator_body',
  'other',
] as const;
/** A key of the organisation_kind catalogue. */
export type OrganisationKind = string;

export const roleLevels = ['leadership', 'practice'] as const;
export type RoleLevel = (typeof roleLevels)[number];

/** The sectors roles had before the sector catalogue; a role's side is any key of that catalogue. */
export const sides = ['police', 'municipal', 'childrens_house', 'facilitator', 'other'] as const;
/** A key of the sector catalogue. */
export type Side = string;

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

export const organisation = sqliteTable(
  'organisation',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
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
    // the units under an area's members (a local police unit counts for its district), read by
    // every audience; without it each read scanned the whole register
    index('organisation_parent_idx').on(t.parentId).where(sql`parent_id IS NOT NULL`),
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
  // a convener may convene several areas of a kind (a ministry five regions, an office two areas)
  (t) => [uniqueIndex('area_seed_key_uq').on(t.seedKey), index('area_convener_idx').on(t.convenerId, t.kind)],
);

export const areaMemberRoles = ['convener', 'member', 'support'] as const;

/** Asked or not whether it will host: the planner prefers willing hosts, then those not asked, never unwilling. */
export const hostWillingnesses = ['not_asked', 'willing', 'not_willing'] as const;
export type HostWillingness = (typeof hostWillingnesses)[number];

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
    /** Whether the organisation said it will host the area's meetings; nobody is assumed willing. */
    hostWillingness: text('host_willingness', { enum: hostWillingnesses }).notNull().default('not_asked'),
    /** Copy of area.kind, to find an organisation's areas of a kind without a join. */
    areaKind: text('area_kind').notNull(),
  },
  // Areas may overlap (Frogner under two Oslo police units); a programme that wants each member in
  // one area only (a Danish municipality in one police district) says so in its settings.
  (t) => [
    primaryKey({ columns: [t.areaId, t.organisationId] }),
    index('area_member_org_idx').on(t.organisationId),
    index('area_member_kind_org_idx').on(t.areaKind, t.organisationId),
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
    side: text('side').notNull(),
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

/**
 * The member organisations a contact person serves beyond their own (a liaison officer at a police
 * unit covering named boroughs): the audience and the coverage check count them there too.
 */
export const personCoverage = sqliteTable(
  'person_coverage',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.organisationId] }),
    index('person_coverage_org_idx').on(t.organisationId),
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
