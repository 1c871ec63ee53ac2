import { z } from 'zod';
import { agendaSources, agreementStatuses, barrierStatuses } from '../../db/schema/index.ts';
import { CalendarDate, Id, Pagination, pageOf, Timestamp, Version } from '../http/common-schemas.ts';
import { Text, type TextKind } from '../http/text.ts';

const Name = Text('name').min(1);
const LongText = (kind: TextKind) => Text(kind);
const OptionalText = (kind: TextKind) => Text(kind).nullable().optional();
export const DistrictCode = z
  .string()
  .trim()
  .regex(/^[0-9]{1,6}$/, 'a police district code');
/** A key of the area's programme taxonomy; which keys exist is checked against that programme. */
const TaxonomyKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, "a key of the area's programme taxonomy");
const ForumLevel = TaxonomyKey.describe("One of the area's programme's forumLevels");
const BarrierCategory = TaxonomyKey.describe("One of the area's programme's barrierCategories");
const AgreementType = TaxonomyKey.describe("One of the area's programme's agreementTypes");
/** The general way to name an outcome's area; `districtCode` stays for Danish police districts. */
const AreaFields = {
  districtCode: DistrictCode.optional().describe('A Danish police district (or give areaId)'),
  areaId: Id.optional().describe("Any programme's area (or districtCode for a Danish police district)"),
};
const AreaOut = {
  districtCode: z.string().nullable().describe("The convener's code; null when it has none"),
  districtName: z.string(),
  areaId: z.number().int(),
  areaName: z.string(),
};

export const Theme = z
  .object({
    id: z.number().int(),
    name: z.string(),
    nameEn: z.string().nullable(),
    description: z.string().nullable(),
    active: z.boolean(),
    position: z.number().int(),
    programmeId: z
      .number()
      .int()
      .nullable()
      .describe("The programme whose meetings discuss it (from its programme file); null: every programme's"),
    isReferenceData: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Theme' });
export type Theme = z.infer<typeof Theme>;
export const CreateTheme = z.strictObject({
  name: Name,
  nameEn: OptionalText('name'),
  description: OptionalText('reason'),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateTheme = z.infer<typeof CreateTheme>;
export const UpdateTheme = CreateTheme.partial().extend({ version: Version });
export type UpdateTheme = z.infer<typeof UpdateTheme>;
export const ThemeQuery = z.strictObject({
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const AgendaItem = z
  .object({
    id: z.number().int(),
    meetingId: z.number().int(),
    position: z.number().int(),
    themeId: z.number().int().nullable(),
    title: z.string(),
    presenter: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    minutes: z.string().nullable(),
    source: z.enum(agendaSources),
    barrierId: z.number().int().nullable(),
    agreementId: z.number().int().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof AgendaItem>;
export const AgendaItemList = z.array(AgendaItem);
export const CreateAgendaItem = z
  .strictObject({
    themeId: Id.nullable().optional(),
    title: Name.optional().describe('Free text; defaults to the theme name'),
    presenter: OptionalText('name'),
    durationMinutes: z.number().int().min(1).max(600).nullable().optional(),
    minutes: OptionalText('minutes'),
    barrierId: Id.nullable().optional(),
    agreementId: Id.nullable().optional(),
    position: z.number().int().min(1).max(1000).optional().describe('1-based; default last'),
  })
  .refine((v) => v.themeId != null || v.title != null, {
    message: 'give a themeId or a title',
    path: ['title'],
  });
export type CreateAgendaItem = z.infer<typeof CreateAgendaItem>;
export const UpdateAgendaItem = z.strictObject({
  themeId: Id.nullable().optional(),
  title: Name.optional(),
  presenter: OptionalText('name'),
  durationMinutes: z.number().int().min(1).max(600).nullable().optional(),
  minutes: OptionalText('minutes'),
  version: Version,
});
export type UpdateAgendaItem = z.infer<typeof UpdateAgendaItem>;
export const ReorderAgenda = z.strictObject({
  itemIds: z.array(Id).min(1).max(1000).describe('Every item of the agenda, in the new order'),
});
export const AgendaItemParams = z.strictObject({ id: Id, itemId: Id });
export const AgendaSuggestion = z.object({
  source: z.enum(agendaSources),
  title: z.string(),
  themeId: z.number().int().nullable(),
  barrierId: z.number().int().nullable(),
  agreementId: z.number().int().nullable(),
  reason: z.string(),
});
export type AgendaSuggestion = z.infer<typeof AgendaSuggestion>;
export const AgendaSuggestionList = z.array(AgendaSuggestion);

const PersonRef = z.object({
  id: z.number().int(),
  name: z.string(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  side: z.string(),
  level: z.string().nullable(),
});
export const ParticipationFigures = z.object({
  people: z.number().int(),
  memberOrganisationsRepresented: z.number().int(),
  memberOrganisations: z.number().int(),
  leadershipLevel: z.number().int(),
  practiceLevel: z.number().int(),
  police: z.number().int(),
  municipal: z.number().int(),
  otherSides: z.number().int(),
});
export type ParticipationFigures = z.infer<typeof ParticipationFigures>;
export const Attendance = z
  .object({
    meetingId: z.number().int(),
    confirmed: z.boolean().describe('false: pre-filled from the accepted invitations, not yet confirmed'),
    version: z.number().int().describe('0 until confirmed; send it back with PUT'),
    note: z.string().nullable(),
    attendees: z.array(PersonRef),
    figures: ParticipationFigures,
  })
  .meta({ id: 'Attendance' });
export type Attendance = z.infer<typeof Attendance>;
export const PutAttendance = z.strictObject({
  personIds: z.array(Id).max(2000),
  note: OptionalText('note'),
  version: z.number().int().min(0).describe('0 for the first confirmation'),
});
export type PutAttendance = z.infer<typeof PutAttendance>;

const TextList = z.array(Text('reason').min(1)).max(100);
export const Mapping = z
  .object({
    districtCode: z.string().nullable(),
    areaId: z.number().int(),
    year: z.number().int(),
    forumLevel: z.string(),
    strengths: z.array(z.string()),
    challenges: z.array(z.string()),
    wishes: z.array(z.string()),
    notes: z.string().nullable(),
    version: z.number().int(),
    updatedBy: z.string().nullable(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Mapping' });
export type Mapping = z.infer<typeof Mapping>;
export const PutMapping = z.strictObject({
  forumLevel: ForumLevel,
  strengths: TextList.default([]),
  challenges: TextList.default([]),
  wishes: TextList.default([]),
  notes: OptionalText('minutes'),
  version: z.number().int().min(0).describe('0 to create; the version you read to update'),
});
export type PutMapping = z.infer<typeof PutMapping>;
export const Year = z.coerce.number().int().min(2000).max(2100);
export const MappingParams = z.strictObject({ code: DistrictCode, year: Year });
export const AreaMappingParams = z.strictObject({ id: Id, year: Year });

const MunicipalityRef = z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() });
const StatusChange = z.object({
  fromStatus: z.enum(barrierStatuses).nullable(),
  toStatus: z.enum(barrierStatuses),
  at: Timestamp,
  actor: z.string(),
  reason: z.string().nullable(),
});
export const Barrier = z
  .object({
    id: z.number().int(),
    ...AreaOut,
    category: z.string(),
    description: z.string(),
    allMunicipalities: z.boolean(),
    municipalities: z.array(MunicipalityRef),
    raisedAtMeetingId: z.number().int().nullable(),
    raisedOn: CalendarDate,
    status: z.enum(barrierStatuses),
    resolvedOn: CalendarDate.nullable(),
    resolutionNote: z.string().nullable(),
    contactPersonIds: z.array(z.number().int()),
    agreementIds: z.array(z.number().int()),
    history: z.array(StatusChange),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Barrier' });
export type Barrier = z.infer<typeof Barrier>;
const MunicipalityCodes = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[0-9]{1,4}$/),
  )
  .max(100);
export const CreateBarrier = z.strictObject({
  ...AreaFields,
  category: BarrierCategory,
  description: LongText('note').min(1),
  allMunicipalities: z.boolean().default(true),
  municipalityCodes: MunicipalityCodes.optional().describe('When not all municipalities'),
  raisedAtMeetingId: Id.nullable().optional(),
  raisedOn: CalendarDate.optional().describe('Default: the meeting date, else today'),
  contactPersonIds: z.array(Id).max(50).optional(),
});
export type CreateBarrier = z.infer<typeof CreateBarrier>;
export const UpdateBarrier = z.strictObject({
  category: BarrierCategory.optional(),
  description: LongText('note').min(1).optional(),
  allMunicipalities: z.boolean().optional(),
  municipalityCodes: MunicipalityCodes.optional(),
  raisedAtMeetingId: Id.nullable().optional(),
  raisedOn: CalendarDate.optional(),
  contactPersonIds: z.array(Id).max(50).optional(),
  status: z.enum(barrierStatuses).optional(),
  statusReason: OptionalText('reason').describe('Why the status changes (kept in the history)'),
  resolutionNote: OptionalText('note'),
  version: Version,
});
export type UpdateBarrier = z.infer<typeof UpdateBarrier>;
export const BarrierQuery = z.strictObject({
  ...Pagination,
  district: DistrictCode.optional(),
  areaId: Id.optional().describe("Any programme's area"),
  status: z.enum(barrierStatuses).optional(),
  category: TaxonomyKey.optional(),
  year: Year.optional().describe('Raised in this year'),
  meetingId: Id.optional(),
});
export type BarrierQuery = z.infer<typeof BarrierQuery>;
export const BarrierList = pageOf(Barrier).meta({ id: 'BarrierList' });

const ContactRef = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  organisationName: z.string(),
  side: z.string(),
});
export const Agreement = z
  .object({
    id: z.number().int(),
    ...AreaOut,
    type: z.string(),
    title: z.string(),
    text: z.string(),
    allMunicipalities: z.boolean(),
    municipalities: z.array(MunicipalityRef),
    agreedAtMeetingId: z.number().int().nullable(),
    agreedOn: CalendarDate.nullable(),
    status: z.enum(agreementStatuses),
    reviewOn: CalendarDate.nullable(),
    contacts: z.array(ContactRef),
    barrierIds: z.array(z.number().int()),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;
export const CreateAgreement = z.strictObject({
  ...AreaFields,
  type: AgreementType,
  title: Name,
  text: LongText('document').default(''),
  allMunicipalities: z.boolean().default(true),
  municipalityCodes: MunicipalityCodes.optional(),
  agreedAtMeetingId: Id.nullable().optional(),
  agreedOn: CalendarDate.nullable().optional(),
  status: z.enum(agreementStatuses).default('draft'),
  reviewOn: CalendarDate.nullable().optional(),
  contactPersonIds: z.array(Id).max(50).optional(),
  barrierIds: z.array(Id).max(100).optional(),
});
export type CreateAgreement = z.infer<typeof CreateAgreement>;
export const UpdateAgreement = z.strictObject({
  type: AgreementType.optional(),
  title: Name.optional(),
  text: LongText('document').optional(),
  allMunicipalities: z.boolean().optional(),
  municipalityCodes: MunicipalityCodes.optional(),
  agreedAtMeetingId: Id.nullable().optional(),
  agreedOn: CalendarDate.nullable().optional(),
  status: z.enum(agreementStatuses).optional(),
  reviewOn: CalendarDate.nullable().optional(),
  contactPersonIds: z.array(Id).max(50).optional(),
  barrierIds: z.array(Id).max(100).optional(),
  reason: OptionalText('reason').describe('Why it changed (kept with the version)'),
  version: Version,
});
export type UpdateAgreement = z.infer<typeof UpdateAgreement>;
export const AgreementQuery = z.strictObject({
  ...Pagination,
  district: DistrictCode.optional(),
  areaId: Id.optional().describe("Any programme's area"),
  status: z.enum(agreementStatuses).optional(),
  type: TaxonomyKey.optional(),
  barrierId: Id.optional(),
  reviewBefore: CalendarDate.optional(),
  q: Text('search').optional(),
});
export type AgreementQuery = z.infer<typeof AgreementQuery>;
export const AgreementList = pageOf(Agreement).meta({ id: 'AgreementList' });
export const AgreementRevision = z.object({
  version: z.number().int(),
  title: z.string(),
  text: z.string(),
  status: z.enum(agreementStatuses),
  reviewOn: CalendarDate.nullable(),
  savedAt: Timestamp,
  savedBy: z.string(),
  reason: z.string().nullable(),
});
export const AgreementHistory = z.array(AgreementRevision).meta({ id: 'AgreementHistory' });

export const FollowUpItem = z.object({
  kind: z.enum(['agreement_review', 'barrier_open']),
  id: z.number().int(),
  districtCode: z.string().describe("The police district code, or the convener's name where it has no code"),
  areaId: z.number().int().describe('The area the agreement or barrier belongs to'),
  areaName: z.string(),
  title: z.string(),
  dueOn: CalendarDate,
  overdue: z.boolean(),
  status: z.string(),
  contacts: z.array(z.object({ id: z.number().int(), name: z.string(), email: z.string() })),
});
export type FollowUpItem = z.infer<typeof FollowUpItem>;
export const FollowUpList = z
  .object({ asOf: CalendarDate, windowDays: z.number().int(), items: z.array(FollowUpItem) })
  .meta({ id: 'FollowUpList' });
export const FollowUpQuery = z.strictObject({
  windowDays: z.coerce.number().int().min(0).max(3650).optional(),
  district: DistrictCode.optional(),
});
export const FollowUpSendResult = z.object({ queued: z.number().int(), alreadySent: z.number().int() });
