import { z } from 'zod';
import {
  dateAgreementStatuses,
  dateAnswers,
  dateProposalKinds,
  dateProposalStates,
} from '../../db/schema/index.ts';
import { CalendarDate, Timestamp } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';
import { textLanguages } from '../text/language.ts';

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** Where agreeing a meeting's date stands; `unproposed` when nobody has been asked yet. */
export const DateStatus = z.enum(['unproposed', ...dateAgreementStatuses]);
export type DateStatus = z.infer<typeof DateStatus>;

/** Another date proposed by a contact: the day, and the times unless they stay as proposed. */
export const CounterProposalInput = z
  .strictObject({
    date: CalendarDate,
    startTime: LocalTime.optional().describe('Default: the proposed start time'),
    endTime: LocalTime.optional().describe('Default: the proposed end time'),
    note: Text('reason')
      .transform((c) => c || null)
      .optional()
      .describe('Why this date suits better, to the facilitator'),
  })
  .meta({ id: 'CounterProposalInput' });
export type CounterProposalInput = z.infer<typeof CounterProposalInput>;

export const DateProposalContact = z.object({
  personId: z.number().int(),
  name: z.string(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  answer: z.enum(dateAnswers),
  answeredAt: Timestamp.nullable(),
  chasedAt: Timestamp.nullable(),
});

export const DateProposal = z
  .object({
    id: z.number().int(),
    kind: z.enum(dateProposalKinds),
    state: z.enum(dateProposalStates),
    startsAt: Timestamp,
    endsAt: Timestamp,
    localDate: CalendarDate,
    localStartTime: z.string(),
    localEndTime: z.string(),
    proposedBy: z.object({ id: z.number().int(), name: z.string(), organisationName: z.string() }).nullable(),
    actorEmail: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    contacts: z.array(DateProposalContact),
  })
  .meta({ id: 'DateProposal' });
export type DateProposal = z.infer<typeof DateProposal>;

/** A meeting's date agreement with its history, oldest proposal first. */
export const DateAgreement = z
  .object({
    meetingId: z.number().int(),
    status: DateStatus,
    confirmedAt: Timestamp.nullable(),
    saveTheDateAt: Timestamp.nullable(),
    proposals: z.array(DateProposal),
  })
  .meta({ id: 'DateAgreement' });
export type DateAgreement = z.infer<typeof DateAgreement>;

/** One meeting in the overview of agreeing dates. */
export const DateAgreementSummary = z
  .object({
    meetingId: z.number().int(),
    title: z.string(),
    areaName: z.string(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    localDate: CalendarDate,
    meetingStatus: z.string(),
    status: DateStatus,
    proposedAt: Timestamp.nullable(),
    asked: z.number().int(),
    confirmed: z.number().int(),
    chased: z.number().int(),
    pendingCounterProposalId: z.number().int().nullable(),
    saveTheDateAt: Timestamp.nullable(),
  })
  .meta({ id: 'DateAgreementSummary' });
export type DateAgreementSummary = z.infer<typeof DateAgreementSummary>;

export const DateAgreementQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: DateStatus.optional().describe('Only meetings in this state'),
});

export const SendProposalsInput = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    areaKind: Text('code').min(1).default('police_district'),
  })
  .meta({ id: 'SendDateProposals' });

export const ProposalReport = z
  .object({
    meetingId: z.number().int(),
    proposalId: z.number().int().nullable(),
    asked: z.number().int().describe('Contacts written to'),
    withoutContact: z.boolean().describe('Neither the district nor the host has a fixed contact person'),
  })
  .meta({ id: 'DateProposalReport' });
export type ProposalReport = z.infer<typeof ProposalReport>;

export const ProposalsReport = z
  .object({ meetings: z.array(ProposalReport) })
  .meta({ id: 'DateProposalsReport' });

export const ProposalParams = z.strictObject({
  id: z.coerce.number().int().positive(),
  proposalId: z.coerce.number().int().positive(),
});

/** The contact's view of the proposal their link belongs to. */
export const DateLinkView = z
  .object({
    meeting: z.object({
      id: z.number().int(),
      title: z.string(),
      areaName: z.string(),
      venueName: z.string().nullable(),
      venueAddress: z.string().nullable(),
      timeZone: z.string(),
      status: z.string(),
    }),
    organisationName: z.string(),
    contactName: z.string(),
    /** The contact's language: the page's. */
    language: z.enum(textLanguages),
    proposal: z.object({
      id: z.number().int(),
      state: z.enum(dateProposalStates),
      startsAt: Timestamp,
      endsAt: Timestamp,
      localDate: CalendarDate,
      localStartTime: z.string(),
      localEndTime: z.string(),
      reason: z.string().nullable(),
    }),
    answer: z.enum(dateAnswers),
    agreement: DateStatus,
    /** A counter-proposal this contact made on this proposal that still waits for the facilitator. */
    counterProposal: z.object({ localDate: CalendarDate, localStartTime: z.string() }).nullable(),
  })
  .meta({ id: 'DateLinkView' });
export type DateLinkView = z.infer<typeof DateLinkView>;

export const SaveTheDateReport = z
  .object({
    meetingId: z.number().int(),
    queued: z.number().int(),
    icsUid: z.string(),
    sequence: z.number().int().describe('The SEQUENCE sent; the invitation will carry a higher one'),
  })
  .meta({ id: 'SaveTheDateReport' });
export type SaveTheDateReport = z.infer<typeof SaveTheDateReport>;
