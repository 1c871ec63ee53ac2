import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { meeting } from './planning.ts';
import { organisation, person } from './register.ts';

/**
 * Where agreeing a meeting's date stands. No row: never proposed. `proposed`: the contacts are asked;
 * `countered`: a contact proposed another date, which waits for the facilitator; `confirmed`: every
 * organisation asked has said yes to the meeting's date.
 */
export const dateAgreementStatuses = ['proposed', 'countered', 'confirmed'] as const;
export type DateAgreementStatus = (typeof dateAgreementStatuses)[number];

export const dateAgreement = sqliteTable('date_agreement', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meeting.id, { onDelete: 'cascade' }),
  status: text('status', { enum: dateAgreementStatuses }).notNull(),
  confirmedAt: text('confirmed_at'),
  /** When the confirmed date was last sent to the audience as a calendar entry ("save the date"). */
  saveTheDateAt: text('save_the_date_at'),
  updatedAt: text('updated_at').notNull(),
});

/**
 * The kinds of proposal: the facilitator's (from the plan, or a counter-proposal they accepted),
 * sent to the contacts; a contact's counter-proposal, which the facilitator accepts or rejects.
 */
export const dateProposalKinds = ['facilitator', 'counter'] as const;
/**
 * open: the contacts are asked (facilitator's); confirmed: all agreed; superseded: a later proposal
 * or a move replaced it; pending: a counter-proposal awaiting the facilitator; accepted/rejected: their decision.
 */
export const dateProposalStates = [
  'open',
  'confirmed',
  'superseded',
  'pending',
  'accepted',
  'rejected',
] as const;
export type DateProposalState = (typeof dateProposalStates)[number];

/** Every date put forward for a meeting, by whom and when: the history of agreeing it. */
export const dateProposal = sqliteTable(
  'date_proposal',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: dateProposalKinds }).notNull(),
    state: text('state', { enum: dateProposalStates }).notNull(),
    /** UTC instants, as the meeting's own. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    /** The contact who proposed it (a counter-proposal); null for the facilitator's. */
    proposedById: integer('proposed_by_id').references(() => person.id, { onDelete: 'set null' }),
    /** The account that sent or decided it, as the audit log names accounts. */
    actorEmail: text('actor_email'),
    /** Why this date: the planner's explanation, or the contact's note. */
    reason: text('reason'),
    createdAt: text('created_at').notNull(),
    decidedAt: text('decided_at'),
  },
  (t) => [index('date_proposal_meeting_idx').on(t.meetingId, t.id)],
);

export const dateAnswers = ['pending', 'confirmed', 'countered'] as const;
export type DateAnswer = (typeof dateAnswers)[number];

/** One contact asked about one proposal, with the link they answer by (only its hash is kept). */
export const dateProposalContact = sqliteTable(
  'date_proposal_contact',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => dateProposal.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    /** The organisation they answer for (the district, or the host). */
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    tokenLookupId: text('token_lookup_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    answer: text('answer', { enum: dateAnswers }).notNull().default('pending'),
    answeredAt: text('answered_at'),
    /** When they were reminded of an unanswered proposal (once per proposal). */
    chasedAt: text('chased_at'),
    /** The reminder's own link (only the hash of its secret is kept), beside the first one, which keeps working. */
    reminderLookupId: text('reminder_lookup_id'),
    reminderHash: text('reminder_hash'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('date_proposal_contact_token_uq').on(t.tokenLookupId),
    uniqueIndex('date_proposal_contact_reminder_uq').on(t.reminderLookupId),
    uniqueIndex('date_proposal_contact_uq').on(t.proposalId, t.personId),
    index('date_proposal_contact_person_idx').on(t.personId),
  ],
);
