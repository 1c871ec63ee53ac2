import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { programme } from './programmes.ts';
import { area, organisation, person } from './register.ts';
import { venue } from './venues.ts';

export const meetingStatuses = ['draft', 'planned', 'invited', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** A year's series of meetings over the convening areas of one kind. */
export const cycle = sqliteTable(
  'cycle',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    programmeId: integer('programme_id').references((): AnySQLiteColumn => programme.id, {
      onDelete: 'restrict',
    }),
    areaKind: text('area_kind').notNull().default('police_district'),
    name: text('name').notNull(),
    /** JSON of the planner settings the cycle was planned with. */
    settings: text('settings', { mode: 'json' }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('cycle_year_kind_uq').on(t.year, t.areaKind)],
);

export const meeting = sqliteTable(
  'meeting',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id').references(() => cycle.id, { onDelete: 'cascade' }),
    areaId: integer('area_id')
      .notNull()
      .references(() => area.id, { onDelete: 'restrict' }),
    /** 1..k when a cycle asks for k meetings per area. */
    sequenceInCycle: integer('sequence_in_cycle').notNull().default(1),
    title: text('title').notNull(),
    status: text('status', { enum: meetingStatuses }).notNull().default('draft'),
    /** UTC instants (ISO 8601); shown in Europe/Copenhagen. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    timeZone: text('time_zone').notNull().default('Europe/Copenhagen'),
    hostOrganisationId: integer('host_organisation_id').references(() => organisation.id, {
      onDelete: 'set null',
    }),
    venueName: text('venue_name'),
    venueAddress: text('venue_address'),
    /** The register's venue; its name and address are copied into venueName/venueAddress when chosen. */
    venueId: integer('venue_id').references(() => venue.id, { onDelete: 'set null' }),
    /** When the host confirmed hosting, and who recorded it. */
    hostConfirmedAt: text('host_confirmed_at'),
    hostConfirmedBy: text('host_confirmed_by'),
    /** Last local date to answer (svarfrist); null = the cycle's replyDaysBefore before the meeting. */
    replyBy: text('reply_by'),
    facilitatorId: integer('facilitator_id').references(() => person.id, { onDelete: 'set null' }),
    /** Maximum number of acceptances; null = unlimited. */
    capacity: integer('capacity'),
    /** JSON array of role keys; null = the cycle's (or the catalogue's default) audience. */
    audienceRoleKeys: text('audience_role_keys', { mode: 'json' }).$type<string[] | null>(),
    /** Why the planner chose this date, in Danish. */
    explanation: text('explanation'),
    /** JSON array of rule warnings saved with a forced change. */
    warnings: text('warnings', { mode: 'json' }).$type<string[]>(),
    /** iCalendar UID: never changes. */
    icsUid: text('ics_uid').notNull(),
    /** iCalendar SEQUENCE: rises with every change of time, place or status. */
    icsSequence: integer('ics_sequence').notNull().default(0),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('meeting_ics_uid_uq').on(t.icsUid),
    index('meeting_area_idx').on(t.areaId, t.startsAt),
    index('meeting_cycle_idx').on(t.cycleId),
  ],
);

/**
 * One sitting of a meeting held as several (a course of four half-day sessions of 25): each with
 * its own time, place and capacity; invitees choose one. Not a login session (see sessions.ts).
 */
export const meetingSession = sqliteTable(
  'meeting_session',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    /** UTC instants (ISO 8601), shown in the meeting's time zone. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    venueName: text('venue_name'),
    venueAddress: text('venue_address'),
    /** Places in this session; the next acceptance waits. */
    capacity: integer('capacity').notNull(),
    /** Cancelled sessions stay for the record; their participants got a CANCEL. */
    cancelledAt: text('cancelled_at'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('meeting_session_meeting_idx').on(t.meetingId, t.startsAt)],
);
