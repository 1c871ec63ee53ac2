import { z } from 'zod';
import { meetingStatuses } from '../../db/schema/index.ts';
import { CalendarDate, Id, Timestamp, Version } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';
import { ruleKeys } from './rules.ts';
import { PlanningSettings, PlanningSettingsPatch } from './settings.ts';

export { PlanningSettings };

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const MeetingStatus = z.enum(meetingStatuses);

export const CreateCycle = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  name: Text('name').min(1).optional(),
  programme: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'a programme key')
    .optional()
    .describe('Whose defaults apply (default: the programme of settings.areaKind, else the Danish one)'),
  settings: PlanningSettingsPatch.default({}).describe("Only what differs from the programme's defaults"),
  dryRun: z.boolean().default(false).describe('Return the plan without saving it'),
});
export type CreateCycle = z.infer<typeof CreateCycle>;

const MeetingCore = {
  areaId: z.number().int(),
  area: z.object({
    id: z.number().int(),
    name: z.string(),
    kind: z.string(),
    districtCode: z.string().nullable(),
  }),
  year: z.number().int(),
  sequenceInCycle: z.number().int(),
  title: z.string(),
  status: MeetingStatus,
  startsAt: Timestamp,
  endsAt: Timestamp,
  timeZone: z.string(),
  localDate: CalendarDate,
  localStartTime: z.string(),
  localEndTime: z.string(),
  host: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  venueName: z.string().nullable(),
  venueAddress: z.string().nullable(),
  venueId: z.number().int().nullable().describe("The register's venue the name and address were copied from"),
  replyBy: CalendarDate.describe(
    'Last local date to answer (svarfrist); later answers are taken and marked late',
  ),
  facilitator: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
  capacity: z.number().int().nullable(),
  audienceRoleKeys: z.array(z.string()).nullable(),
  explanation: z.string().nullable(),
  warnings: z.array(z.string()),
};

export const Meeting = z
  .object({
    id: z.number().int(),
    cycleId: z.number().int().nullable(),
    ...MeetingCore,
    icsUid: z.string(),
    icsSequence: z.number().int(),
    hostConfirmedAt: Timestamp.nullable().describe('When the host confirmed hosting'),
    hostConfirmedBy: z.string().nullable(),
    cancelledAt: Timestamp.nullable(),
    cancelReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

/** A meeting as a dry run would create it: no id, no calendar identity yet. */
export const MeetingPreview = z.object(MeetingCore).meta({ id: 'MeetingPreview' });
export type MeetingPreview = z.infer<typeof MeetingPreview>;

export const Cycle = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    areaKind: z.string(),
    name: z.string(),
    settings: PlanningSettings,
    meetings: z.array(Meeting),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Cycle' });
export type Cycle = z.infer<typeof Cycle>;

export const CycleSummary = Cycle.omit({ meetings: true, settings: true })
  .extend({ meetingCount: z.number().int(), cancelledCount: z.number().int() })
  .meta({ id: 'CycleSummary' });
export type CycleSummary = z.infer<typeof CycleSummary>;

export const PlanPreview = z
  .object({
    dryRun: z.literal(true),
    year: z.number().int(),
    areaKind: z.string(),
    name: z.string(),
    settings: PlanningSettings,
    meetings: z.array(MeetingPreview),
  })
  .meta({ id: 'PlanPreview' });
export type PlanPreview = z.infer<typeof PlanPreview>;

export const CycleParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const CycleQuery = z.strictObject({ kind: Text('code').min(1).default('police_district') });
export const ReplanParams = CycleParams.extend({ areaId: Id });

export const ReplanArea = z.strictObject({
  areaBlackoutDates: z
    .array(CalendarDate)
    .max(1000)
    .optional()
    .describe("The area's own busy dates in this cycle (replace the ones stored)"),
  dryRun: z.boolean().default(false),
});
export type ReplanArea = z.infer<typeof ReplanArea>;

/** What a meeting's creator or editor may set besides its time: place, facilitator, capacity, audience. */
const meetingDetails = {
  hostOrganisationId: Id.nullable().optional(),
  venueName: Text('name').nullable().optional(),
  venueAddress: Text('line').nullable().optional(),
  venueId: Id.nullable()
    .optional()
    .describe(
      "A venue of the register: its name and full address are copied (and its host becomes the meeting's)",
    ),
  replyBy: CalendarDate.nullable()
    .optional()
    .describe("Reply deadline (local date, before the meeting); null: the cycle's replyDaysBefore"),
  facilitatorId: Id.nullable().optional(),
  capacity: z.number().int().positive().nullable().optional(),
  audienceRoleKeys: z.array(Text('search').min(1)).max(100).nullable().optional(),
};

export const UpdateMeeting = z
  .strictObject({
    version: Version,
    date: CalendarDate.optional().describe('New local date (time zone of the meeting)'),
    startTime: LocalTime.optional().describe('New local start time HH:MM'),
    endTime: LocalTime.optional().describe('New local end time HH:MM'),
    title: Text('name').min(1).optional(),
    ...meetingDetails,
    force: z.boolean().default(false).describe('Save even when the change breaks a planning rule'),
  })
  .meta({ id: 'UpdateMeeting' });
export type UpdateMeeting = z.infer<typeof UpdateMeeting>;

/** A meeting for one area outside any cycle (an extra meeting), checked against its programme's rules. */
export const NewMeeting = z
  .strictObject({
    areaId: Id.describe('The area the meeting is for; its programme gives the rules, time zone and audience'),
    date: CalendarDate.describe('Local date (time zone of the programme)'),
    startTime: LocalTime.optional().describe("Local start time HH:MM (default: the programme's)"),
    endTime: LocalTime.optional().describe("Local end time HH:MM (default: the programme's)"),
    title: Text('name')
      .min(1)
      .optional()
      .describe("Default: the programme's title pattern, marked as an extra meeting"),
    ...meetingDetails,
    force: z.boolean().default(false).describe('Save even when the meeting breaks a planning rule'),
  })
  .meta({ id: 'NewMeeting' });
export type NewMeeting = z.infer<typeof NewMeeting>;

export const HostConfirmation = z
  .strictObject({
    version: Version,
    confirmed: z.boolean().default(true).describe('false takes a confirmation back'),
    note: Text('line')
      .min(1)
      .optional()
      .describe('Who confirmed and how ("Lene Holm by phone"); default: your account'),
  })
  .meta({ id: 'HostConfirmation' });
export type HostConfirmation = z.infer<typeof HostConfirmation>;

export const CancelMeeting = z.strictObject({
  version: Version,
  reason: Text('reason').min(1),
});
export type CancelMeeting = z.infer<typeof CancelMeeting>;

export const SetMeetingStatus = z.strictObject({
  version: Version,
  status: MeetingStatus,
  reason: Text('reason').min(1).optional().describe('Required when cancelling'),
});
export type SetMeetingStatus = z.infer<typeof SetMeetingStatus>;

export const MeetingQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  district: Text('code').optional().describe("The district's code (politikredskode)"),
  area: Id.optional(),
  status: MeetingStatus.optional(),
});
export type MeetingQuery = z.infer<typeof MeetingQuery>;

export const RuleViolationSchema = z.object({ rule: z.enum(ruleKeys), message: z.string() });
