import { z } from 'zod';
import { roleLevels } from '../../db/schema/index.ts';
import { DEFAULT_EVALUATION_QUESTIONS } from '../evaluation/questions.ts';
import { Timestamp, Version } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';
import { isTimeZone, PlanningSettings } from '../planning/settings.ts';

/** Keys of catalogue rows and taxonomy entries: what URLs, CSV files and the API carry. */
export const CatalogueKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'lower-case letters, digits, dashes and underscores');

/** BCP 47 language code as catalogues use it: da, nb, en, se, nn. */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a two- or three-letter language code (da, nb, en)');

/** A row's names by language; Danish or the programme's language is what pages fall back to. */
export const Labels = z
  .record(LanguageCode, Text('name').min(1))
  .refine((labels) => Object.keys(labels).length > 0, 'at least one name')
  .describe('Names by language code, e.g. {"da": "Kommune", "nb": "Kommune", "en": "Municipality"}');

export const TaxonomyEntry = z.strictObject({ key: CatalogueKey, labels: Labels });
export type TaxonomyEntry = z.infer<typeof TaxonomyEntry>;

/** The kinds of outcome a programme records: its agreement types, barrier categories and forum levels. */
export const Taxonomy = z.strictObject({
  agreementTypes: z.array(TaxonomyEntry).min(1).max(100),
  barrierCategories: z.array(TaxonomyEntry).min(1).max(100),
  forumLevels: z.array(TaxonomyEntry).min(1).max(20),
});
export type Taxonomy = z.infer<typeof Taxonomy>;

/** Who is invited: each rule adds the roles of a sector at a level (or named roles). */
export const AudienceRule = z
  .strictObject({
    sector: CatalogueKey.optional(),
    level: z.enum(roleLevels).optional(),
    roleKeys: z.array(CatalogueKey).max(100).optional(),
  })
  .refine((r) => r.sector || r.level || r.roleKeys, 'name a sector, a level or roles');
export type AudienceRule = z.infer<typeof AudienceRule>;

export const areaOrders = ['near_last_year', 'fixed', 'alphabetical'] as const;

/** The planner's defaults for the programme's cycles (a cycle may still override each). */
export const ProgrammePlanning = PlanningSettings.omit({
  areaKind: true,
  areaIds: true,
  areaBlackoutDates: true,
  facilitatorIds: true,
  timeZone: true,
  holidayCountry: true,
  holidayRegion: true,
  audienceRoleKeys: true,
}).extend({
  areaOrder: z.enum(areaOrders).default('near_last_year').describe('Which areas get the best dates first'),
  fixedAreaOrder: z.array(z.number().int().positive()).max(20_000).default([]),
});
export type ProgrammePlanning = z.infer<typeof ProgrammePlanning>;

/** One question of a programme's evaluation survey: a 1–5 scale or free text. */
export const EvaluationQuestion = z.strictObject({
  key: CatalogueKey,
  kind: z.enum(['scale', 'text']),
  labels: Labels,
});
export type EvaluationQuestion = z.infer<typeof EvaluationQuestion>;

/** A programme's evaluation: its questions and when the one reminder goes. */
export const EvaluationSettings = z.strictObject({
  questions: z
    .array(EvaluationQuestion)
    .min(1)
    .max(20)
    .refine((qs) => new Set(qs.map((q) => q.key)).size === qs.length, 'each question needs its own key')
    .default(() => DEFAULT_EVALUATION_QUESTIONS),
  reminderAfterDays: z
    .number()
    .int()
    .min(1)
    .max(60)
    .default(7)
    .describe('Days after the survey went out that those who have not answered are reminded, once'),
});
export type EvaluationSettings = z.infer<typeof EvaluationSettings>;

/** The JSON `settings` of a programme row. */
export const ProgrammeSettings = z.strictObject({
  audience: z.array(AudienceRule).max(50).default([]).describe('Empty: the roles in the default audience'),
  taxonomy: Taxonomy,
  exclusiveMembership: z
    .boolean()
    .default(false)
    .describe(
      "Each member organisation in at most one of the programme's areas (a Danish municipality: one police district)",
    ),
  planning: ProgrammePlanning.default(() => ProgrammePlanning.parse({})),
  evaluation: EvaluationSettings.default(() => EvaluationSettings.parse({})),
});
export type ProgrammeSettings = z.infer<typeof ProgrammeSettings>;

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as DK or NO');
const TimeZone = z.string().max(100).refine(isTimeZone, 'unknown IANA time zone');

const programmeFields = {
  key: CatalogueKey,
  name: Text('name').min(1),
  ownerOrganisationId: z.number().int().positive().nullable(),
  language: LanguageCode,
  holidayCountry: CountryCode,
  holidayRegion: Text('code').min(1).nullable(),
  timeZone: TimeZone,
  areaKind: CatalogueKey,
  titlePattern: Text('name')
    .min(1)
    .describe(
      'Meeting titles: {programme}, {year}, {area} and {sequence} (" (2/3)" when an area meets more often)',
    ),
  signature: Text('reason').nullable(),
  replyAddress: z.email().max(254).nullable(),
  settings: ProgrammeSettings,
};

export const CreateProgramme = z
  .strictObject({
    ...programmeFields,
    ownerOrganisationId: programmeFields.ownerOrganisationId.default(null),
    holidayRegion: programmeFields.holidayRegion.default(null),
    titlePattern: programmeFields.titlePattern.default('{programme} {year} – {area}'),
    signature: programmeFields.signature.default(null),
    replyAddress: programmeFields.replyAddress.default(null),
  })
  .meta({ id: 'CreateProgramme' });
export type CreateProgramme = z.infer<typeof CreateProgramme>;

/** A change: only the fields sent change (no defaults here, or a rename would reset the rest). */
export const UpdateProgramme = z
  .strictObject(programmeFields)
  .omit({ key: true })
  .partial()
  .extend({ version: Version })
  .meta({ id: 'UpdateProgramme' });
export type UpdateProgramme = z.infer<typeof UpdateProgramme>;

export const Programme = z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    ownerOrganisationId: z.number().int().nullable(),
    language: z.string(),
    holidayCountry: z.string(),
    holidayRegion: z.string().nullable(),
    timeZone: z.string(),
    areaKind: z.string(),
    titlePattern: z.string(),
    signature: z.string().nullable(),
    replyAddress: z.string().nullable(),
    settings: ProgrammeSettings,
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Programme' });
export type Programme = z.infer<typeof Programme>;

export const ProgrammeParams = z.strictObject({ key: CatalogueKey });

// ---- catalogues ----

export const Language = z
  .object({ code: z.string(), name: z.string(), textsFrom: z.string() })
  .meta({ id: 'Language' });
export const CreateLanguage = z.strictObject({
  code: LanguageCode,
  name: Text('name').min(1),
  textsFrom: LanguageCode.describe('The language whose texts it reads until it has its own (da, nb or en)'),
});
/** A language's name and the texts it reads changed; the code stays. */
export const UpdateLanguage = CreateLanguage.omit({ code: true });

export const CatalogueRow = z
  .object({
    key: z.string(),
    labels: z.record(z.string(), z.string()),
    sectorKey: z.string().nullable().optional(),
  })
  .meta({ id: 'CatalogueRow' });
export type CatalogueRow = z.infer<typeof CatalogueRow>;
export const CreateSector = z.strictObject({ key: CatalogueKey, labels: Labels });
export const CreateOrganisationKind = z.strictObject({
  key: CatalogueKey,
  labels: Labels,
  sectorKey: CatalogueKey.nullable().default(null),
});
export const CatalogueParams = z.strictObject({ key: CatalogueKey });
/** A sector's or organisation kind's names (and a kind's sector) changed; the key stays. */
export const UpdateSector = CreateSector.omit({ key: true });
export const UpdateOrganisationKind = CreateOrganisationKind.omit({ key: true });
