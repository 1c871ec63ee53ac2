import { z } from 'zod';
import { CalendarDate } from '../http/common-schemas.ts';
import { Text } from '../http/text.ts';
import { recurringBlackouts } from './blackouts.ts';

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD');

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * One of a programme's linked series (e.g. "samling for alle" × 5 and "ledersamling" × 3 per area):
 * the planner places every series of an area together, interleaved over the period.
 */
export const MeetingSeries = z
  .strictObject({
    key: Text('code')
      .min(1)
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a key of lower-case letters, digits, - and _'),
    name: Text('name').min(1).describe('Said in the title: "Ledersamling"'),
    meetingsPerArea: z.number().int().min(1).max(12),
    audienceRoleKeys: z
      .array(Text('search').min(1))
      .max(100)
      .nullable()
      .default(null)
      .describe("This series' audience (default: the cycle's)"),
    startTime: LocalTime.optional().describe("Default: the cycle's"),
    endTime: LocalTime.optional().describe("Default: the cycle's"),
  })
  .meta({ id: 'MeetingSeries' });
export type MeetingSeries = z.infer<typeof MeetingSeries>;

/** The planner's rules, each with the default the Danish meetings use; stored with the cycle. */
export const PlanningSettings = z
  .strictObject({
    areaKind: Text('code').min(1).default('police_district').describe('Which convening areas meet'),
    areaIds: z
      .array(z.number().int().positive())
      .max(20_000)
      .optional()
      .describe('Only these areas (default: every area of the kind)'),
    meetingsPerArea: z
      .number()
      .int()
      .min(1)
      .max(12)
      .default(1)
      .describe('k meetings per area, spaced evenly (with series: their sum, set by the planner)'),
    series: z
      .array(MeetingSeries)
      .max(6)
      .default([])
      .describe('Linked series planned together per area; empty: one series of meetingsPerArea'),
    minDaysBetweenAreaMeetings: z
      .number()
      .int()
      .min(1)
      .max(180)
      .default(1)
      .describe("Days from one of an area's meetings to its next (1 = never two on one day)"),
    maxDaysBetweenAreaMeetings: z
      .number()
      .int()
      .min(1)
      .max(366)
      .nullable()
      .default(null)
      .describe("At most this many days from one of an area's meetings to its next; null = no limit"),
    facilitatorPerArea: z
      .boolean()
      .default(false)
      .describe('Each area keeps one facilitator for all its meetings of the cycle (a process leader)'),
    areaFacilitatorIds: z
      .record(z.string().regex(/^\d+$/, 'area id'), z.number().int().positive())
      .default({})
      .describe('With facilitatorPerArea: the facilitator fixed to an area, by area id (others are chosen)'),
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .default([2, 3, 4])
      .describe('ISO weekdays allowed (1 = Monday); default Tuesday–Thursday'),
    startTime: LocalTime.default('09:30'),
    endTime: LocalTime.default('13:00'),
    timeZone: z.string().max(100).refine(isTimeZone, 'unknown IANA time zone').default('Europe/Copenhagen'),
    holidayCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as DK or NO')
      .default('DK')
      .describe('Whose public holidays are never planned on (the programme’s)'),
    holidayRegion: Text('code').min(1).nullable().default(null),
    periodStart: CalendarDate.optional().describe('First allowed date (default 1 January of the year)'),
    periodEnd: CalendarDate.optional().describe(
      'Last allowed date (default 31 December of the year); may fall in the next year (a programme year from September to June)',
    ),
    blackoutWeeks: z
      .array(z.number().int().min(1).max(53))
      .default([7, 42])
      .describe('ISO weeks without meetings (winter and autumn school holidays)'),
    blackoutMonths: z.array(z.number().int().min(1).max(12)).default([7]),
    blackoutRanges: z
      .array(z.strictObject({ from: MonthDay, to: MonthDay }))
      .default([{ from: '12-20', to: '01-03' }])
      .describe('Yearly ranges without meetings; from > to wraps over New Year'),
    blackoutDates: z
      .array(CalendarDate)
      .max(1000)
      .default([])
      .describe("The cycle's own extra blackout dates"),
    blackoutDays: z
      .array(z.enum(recurringBlackouts))
      .max(recurringBlackouts.length)
      .default([])
      .describe(
        'Named days without meetings, computed per year: constitution_day (5 June), days_before_easter (Monday–Wednesday before Easter). The Danish programme has both by default; an empty list lifts them',
      ),
    areaBlackoutDates: z
      .record(z.string().regex(/^\d+$/, 'area id'), z.array(CalendarDate).max(1000))
      .default({})
      .describe("Each area's own busy dates, by area id"),
    facilitatorIds: z
      .array(z.number().int().positive())
      .max(10_000)
      .optional()
      .describe('Who facilitates (default: every person with the facilitator role; none = unassigned)'),
    maxPerWeek: z.number().int().min(1).max(7).default(2).describe('Meetings per facilitator per ISO week'),
    minDaysBetween: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(2)
      .describe('Days from one meeting of a facilitator to their next (1 = consecutive days allowed)'),
    historyWindowWeeks: z
      .number()
      .int()
      .min(0)
      .max(26)
      .default(4)
      .describe('How close to last cycle’s date an area’s meeting should fall'),
    dateChaseDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .default(7)
      .describe('Days a district or host contact has to answer a date proposal before they are reminded'),
    capacity: z.number().int().positive().nullable().default(null),
    replyDaysBefore: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(14)
      .describe(
        'The reply deadline (svarfrist): this many days before each meeting, unless a meeting sets its own',
      ),
    audienceRoleKeys: z.array(Text('search').min(1)).max(100).nullable().default(null),
  })
  .meta({ id: 'PlanningSettings' });

export type PlanningSettings = z.infer<typeof PlanningSettings>;
export type PlanningSettingsInput = z.input<typeof PlanningSettings>;

/**
 * The same fields with no defaults, all optional: what a caller sent, so that a programme's
 * defaults can fill the rest before the service's own do.
 */
export const PlanningSettingsPatch = z
  .strictObject(
    Object.fromEntries(
      Object.entries(PlanningSettings.shape).map(([key, field]) => [
        key,
        (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
      ]),
    ) as unknown as {
      [K in keyof typeof PlanningSettings.shape]: z.ZodOptional<z.ZodType<PlanningSettings[K]>>;
    },
  )
  .meta({ id: 'PlanningSettingsPatch' });
export type PlanningSettingsPatch = z.infer<typeof PlanningSettingsPatch>;

export function defaultSettings(overrides: PlanningSettingsInput = {}): PlanningSettings {
  return PlanningSettings.parse(overrides);
}
