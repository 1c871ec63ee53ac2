import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { meeting } from './planning.ts';
import { programme } from './programmes.ts';
import { area, organisation, person } from './register.ts';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** The editable catalogue of themes a meeting can discuss (seeded with the themes of seed 002). */
export const theme = sqliteTable(
  'theme',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Order in the catalogue. */
    position: integer('position').notNull().default(0),
    seedKey: text('seed_key'),
    /** The programme whose meetings discuss it; null: every programme's (the catalogue before programmes). */
    programmeId: integer('programme_id').references(() => programme.id),
    editedAt: text('edited_at'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('theme_seed_key_uq').on(t.seedKey), index('theme_programme_idx').on(t.programmeId)],
);

export const agendaSources = ['manual', 'catalogue', 'barrier', 'agreement'] as const;

/** One point on a meeting's agenda: a theme from the catalogue or free text. */
export const agendaItem = sqliteTable(
  'agenda_item',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    themeId: integer('theme_id').references(() => theme.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    presenter: text('presenter'),
    durationMinutes: integer('duration_minutes'),
    /** What was said and decided (referat). */
    minutes: text('minutes'),
    source: text('source', { enum: agendaSources }).notNull().default('manual'),
    barrierId: integer('barrier_id').references(() => barrier.id, { onDelete: 'set null' }),
    agreementId: integer('agreement_id').references(() => agreement.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('agenda_item_meeting_idx').on(t.meetingId, t.position)],
);

/** The attendance list of a meeting, once the facilitator has confirmed it. */
export const attendanceSheet = sqliteTable('attendance_sheet', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id, { onDelete: 'cascade' }),
  note: text('note'),
  version: integer('version').notNull().default(1),
  ...timestamps,
});

export const attendance = sqliteTable(
  'attendance',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => attendanceSheet.meetingId, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index('attendance_person_idx').on(t.personId)],
);

/** The Danish programme's forum levels (its seeded taxonomy); other programmes name their own. */
export const forumLevels = ['all_municipalities', 'single_municipalities', 'none'] as const;
export type ForumLevel = (typeof forumLevels)[number];

/**
 * The mapping (kortlægning) of an area's cooperation in one year (a police district's, in the
 * Danish programme). Outcomes belong to the area, not to its convener: one convener may convene
 * several areas of a kind (a ministry five regions), each with its own outcomes.
 */
export const districtMapping = sqliteTable(
  'district_mapping',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaId: integer('area_id')
      .notNull()
      .references(() => area.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** A key of the area's programme taxonomy (forumLevels); the Danish ones are listed above. */
    forumLevel: text('forum_level').notNull(),
    strengths: text('strengths', { mode: 'json' }).$type<string[]>().notNull(),
    challenges: text('challenges', { mode: 'json' }).$type<string[]>().notNull(),
    wishes: text('wishes', { mode: 'json' }).$type<string[]>().notNull(),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    ...timestamps,
  },
  (t) => [uniqueIndex('district_mapping_area_year_uq').on(t.areaId, t.year)],
);

/** The Danish programme's barrier categories (its seeded taxonomy). */
export const barrierCategories = [
  'knowledge_of_work',
  'knowledge_of_legislation',
  'task_coordination',
  'investigation_waiting_time',
  'talks_with_child',
  'local_or_central_unit',
  'other',
] as const;
export type BarrierCategory = (typeof barrierCategories)[number];

export const barrierStatuses = ['open', 'being_addressed', 'resolved'] as const;
export type BarrierStatus = (typeof barrierStatuses)[number];

/** A cooperation barrier (samarbejdsbarriere) found in an area (a police district). */
export const barrier = sqliteTable(
  'barrier',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaId: integer('area_id')
      .notNull()
      .references(() => area.id, { onDelete: 'restrict' }),
    /** A key of the area's programme taxonomy (barrierCategories). */
    category: text('category').notNull(),
    description: text('description').notNull(),
    allMunicipalities: integer('all_municipalities', { mode: 'boolean' }).notNull().default(true),
    raisedAtMeetingId: integer('raised_at_meeting_id').references(() => meeting.id, {
      onDelete: 'set null',
    }),
    /** The date it was raised (YYYY-MM-DD). */
    raisedOn: text('raised_on').notNull(),
    status: text('status', { enum: barrierStatuses }).notNull().default('open'),
    resolvedOn: text('resolved_on'),
    resolutionNote: text('resolution_note'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('barrier_area_idx').on(t.areaId, t.status),
    index('barrier_status_idx').on(t.status, t.raisedOn),
  ],
);

export const barrierMunicipality = sqliteTable(
  'barrier_municipality',
  {
    barrierId: integer('barrier_id')
      .notNull()
      .references(() => barrier.id, { onDelete: 'cascade' }),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.barrierId, t.municipalityId] })],
);

/** Who follows a barrier up (and gets the reminder when it has been open for a year). */
export const barrierContact = sqliteTable(
  'barrier_contact',
  {
    barrierId: integer('barrier_id')
      .notNull()
      .references(() => barrier.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.barrierId, t.personId] })],
);

/** Every status change of a barrier: when, by whom and why. */
export const barrierStatusChange = sqliteTable(
  'barrier_status_change',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    barrierId: integer('barrier_id')
      .notNull()
      .references(() => barrier.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: barrierStatuses }),
    toStatus: text('to_status', { enum: barrierStatuses }).notNull(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
  },
  (t) => [index('barrier_status_change_idx').on(t.barrierId, t.at)],
);

/** The Danish programme's agreement types (its seeded taxonomy). */
export const agreementTypes = [
  'samarbejdsaftale',
  'vejledningsmateriale',
  'skabelon_til_anmeldelse',
  'kontaktaftale',
  'aftale_om_faste_moeder',
  'other',
] as const;
export type AgreementType = (typeof agreementTypes)[number];

export const agreementStatuses = ['draft', 'agreed', 'in_force', 'under_revision', 'expired'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** What a meeting agreed: a cooperation agreement, guidance, a template … */
export const agreement = sqliteTable(
  'agreement',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaId: integer('area_id')
      .notNull()
      .references(() => area.id, { onDelete: 'restrict' }),
    /** A key of the area's programme taxonomy (agreementTypes). */
    type: text('type').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull().default(''),
    allMunicipalities: integer('all_municipalities', { mode: 'boolean' }).notNull().default(true),
    agreedAtMeetingId: integer('agreed_at_meeting_id').references(() => meeting.id, {
      onDelete: 'set null',
    }),
    agreedOn: text('agreed_on'),
    status: text('status', { enum: agreementStatuses }).notNull().default('draft'),
    reviewOn: text('review_on'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // the export's order (area, type, status, id) and every column it shows: an area's agreement
    // lines are read from the index alone, in order, with neither table rows nor a sort. The dates
    // also make the per-area counts of a district's year read the index alone
    index('agreement_area_idx').on(
      t.areaId,
      t.type,
      t.status,
      t.id,
      t.title,
      t.agreedOn,
      t.reviewOn,
      t.allMunicipalities,
      t.createdAt,
    ),
    // covers the national count of agreements in force per area and type
    index('agreement_area_status_idx').on(t.status, t.areaId, t.type, t.agreedOn, t.createdAt),
    index('agreement_review_idx').on(t.reviewOn).where(sql`review_on IS NOT NULL`),
  ],
);

export const agreementMunicipality = sqliteTable(
  'agreement_municipality',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.municipalityId] })],
);

/** The responsible contact persons of an agreement, on each side. */
export const agreementContact = sqliteTable(
  'agreement_contact',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.personId] }),
    index('agreement_contact_person_idx').on(t.personId),
  ],
);

/** Which barriers an agreement addresses. */
export const agreementBarrier = sqliteTable(
  'agreement_barrier',
  {
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    barrierId: integer('barrier_id')
      .notNull()
      .references(() => barrier.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.barrierId] }),
    index('agreement_barrier_barrier_idx').on(t.barrierId),
  ],
);

/** Every saved version of an agreement's title, text and status: earlier texts are never lost. */
export const agreementRevision = sqliteTable(
  'agreement_revision',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agreementId: integer('agreement_id')
      .notNull()
      .references(() => agreement.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: agreementStatuses }).notNull(),
    reviewOn: text('review_on'),
    savedAt: text('saved_at').notNull(),
    savedBy: text('saved_by').notNull(),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('agreement_revision_uq').on(t.agreementId, t.version)],
);

export const followUpKinds = ['agreement_review', 'barrier_open'] as const;

/** One reminder per thing, due date and person: sending again never repeats a reminder. */
export const followUpReminder = sqliteTable(
  'follow_up_reminder',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: followUpKinds }).notNull(),
    entityId: integer('entity_id').notNull(),
    dueOn: text('due_on').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    outboxMessageId: integer('outbox_message_id'),
    queuedAt: text('queued_at').notNull(),
  },
  (t) => [uniqueIndex('follow_up_reminder_uq').on(t.kind, t.entityId, t.dueOn, t.personId)],
);
