import { catalogueFor } from '../text/messages.ts';
import { inRange, type RecurringBlackout, recurringBlackoutOn } from './blackouts.ts';
import { type DayNumber, dateOf, dayOf, holidayName, isoWeek, isoWeekday, mondayOf } from './days.ts';
import type { PlanningSettings } from './settings.ts';

/** The rules a meeting's date, time and facilitator are held to; the key is what a 409 names. */
export const ruleKeys = [
  'period',
  'weekday',
  'holiday',
  'blackoutWeek',
  'blackoutMonth',
  'blackoutRange',
  'blackoutDate',
  'blackoutDay',
  'areaBlackoutDate',
  'timeOfDay',
  'facilitatorDay',
  'facilitatorWeek',
  'facilitatorGap',
  'areaSameDay',
] as const;
export type RuleKey = (typeof ruleKeys)[number];

/**
 * A broken rule with the facts a reader needs (the day, the week, the limit), so each channel says it
 * in its own words: the pages from the catalogue, the API by the rule's key.
 */
export type RuleBreach =
  | { rule: 'period'; date: string; first: string; last: string }
  | { rule: 'weekday'; date: string; weekdays: number[] }
  | { rule: 'holiday'; date: string; holiday: string }
  | { rule: 'blackoutWeek'; date: string; week: number }
  | { rule: 'blackoutMonth'; date: string; month: number }
  | { rule: 'blackoutRange'; date: string; from: string; to: string }
  | { rule: 'blackoutDate'; date: string }
  | { rule: 'blackoutDay'; date: string; day: RecurringBlackout }
  | { rule: 'areaBlackoutDate'; date: string }
  | { rule: 'timeOfDay'; startTime: string; endTime: string; earliest: string; latest: string }
  | { rule: 'facilitatorDay'; date: string; facilitator: string | null }
  | { rule: 'facilitatorWeek'; week: number; count: number; max: number; facilitator: string | null }
  | { rule: 'facilitatorGap'; otherDate: string; minDays: number; facilitator: string | null }
  | { rule: 'areaSameDay'; date: string };

/** A broken rule and its Danish sentence (the one stored as a warning and sent in a 409). */
export type RuleViolation = RuleBreach & { message: string };

export function periodOf(settings: PlanningSettings, year: number): { first: DayNumber; last: DayNumber } {
  return {
    first: dayOf(settings.periodStart ?? `${year}-01-01`),
    last: dayOf(settings.periodEnd ?? `${year}-12-31`),
  };
}

/**
 * The calendar rules a day breaks for every area (period, weekday, holiday, blackouts), first the
 * most basic. The planner keeps only days where this is empty.
 */
export function calendarViolations(day: DayNumber, settings: PlanningSettings, year: number): RuleBreach[] {
  const found: RuleBreach[] = [];
  const date = dateOf(day);
  const { first, last } = periodOf(settings, year);
  if (day < first || day > last)
    found.push({ rule: 'period', date, first: dateOf(first), last: dateOf(last) });
  if (!settings.weekdays.includes(isoWeekday(day)))
    found.push({ rule: 'weekday', date, weekdays: settings.weekdays });
  const holiday = holidayName(date, settings.holidayCountry, settings.holidayRegion);
  if (holiday) found.push({ rule: 'holiday', date, holiday });
  const week = isoWeek(day);
  if (settings.blackoutWeeks.includes(week)) found.push({ rule: 'blackoutWeek', date, week });
  const month = Number(date.slice(5, 7));
  if (settings.blackoutMonths.includes(month)) found.push({ rule: 'blackoutMonth', date, month });
  const monthDay = date.slice(5);
  const range = settings.blackoutRanges.find((r) => inRange(monthDay, r.from, r.to));
  if (range) found.push({ rule: 'blackoutRange', date, ...range });
  if (settings.blackoutDates.includes(date)) found.push({ rule: 'blackoutDate', date });
  const named = settings.blackoutDays.length ? recurringBlackoutOn(date, settings.blackoutDays) : null;
  if (named) found.push({ rule: 'blackoutDay', date, day: named });
  return found;
}

export function areaBlackoutDays(settings: PlanningSettings, areaId: number): Set<DayNumber> {
  return new Set((settings.areaBlackoutDates[String(areaId)] ?? []).map(dayOf));
}

/** A facilitator's or an area's other meetings, as days, for checking one meeting against them. */
export interface MoveContext {
  settings: PlanningSettings;
  year: number;
  areaId: number;
  /** Local date and times of the meeting as it would be after the move. */
  date: string;
  startTime: string;
  endTime: string;
  facilitatorName?: string;
  /** Days of the facilitator's other (not cancelled) meetings. */
  facilitatorDays: DayNumber[];
  /** Days of the area's other (not cancelled) meetings in the cycle. */
  areaDays: DayNumber[];
}

/** Every rule one meeting breaks where it stands, each with its Danish sentence; empty when the move is allowed. */
export function checkMeeting(context: MoveContext): RuleViolation[] {
  const text = catalogueFor('da').planning;
  return meetingBreaches(context).map((breach) => ({ ...breach, message: text.rule(breach) }));
}

function meetingBreaches(context: MoveContext): RuleBreach[] {
  const { settings, date } = context;
  const day = dayOf(date);
  const found = calendarViolations(day, settings, context.year);
  if (areaBlackoutDays(settings, context.areaId).has(day)) found.push({ rule: 'areaBlackoutDate', date });
  if (context.startTime < settings.startTime || context.endTime > settings.endTime)
    found.push({
      rule: 'timeOfDay',
      startTime: context.startTime,
      endTime: context.endTime,
      earliest: settings.startTime,
      latest: settings.endTime,
    });
  const facilitator = context.facilitatorName ?? null;
  if (context.facilitatorDays.includes(day)) found.push({ rule: 'facilitatorDay', date, facilitator });
  const monday = mondayOf(day);
  const inWeek = context.facilitatorDays.filter((d) => mondayOf(d) === monday && d !== day).length;
  if (inWeek + 1 > settings.maxPerWeek)
    found.push({
      rule: 'facilitatorWeek',
      week: isoWeek(day),
      count: inWeek + 1,
      max: settings.maxPerWeek,
      facilitator,
    });
  const tooClose = context.facilitatorDays.find(
    (d) => d !== day && Math.abs(d - day) < settings.minDaysBetween,
  );
  if (tooClose !== undefined)
    found.push({
      rule: 'facilitatorGap',
      otherDate: dateOf(tooClose),
      minDays: settings.minDaysBetween,
      facilitator,
    });
  if (context.areaDays.includes(day)) found.push({ rule: 'areaSameDay', date });
  return found;
}
