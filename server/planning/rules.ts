import { isoWeekdayName, weekdayDayDate } from '../text/dates.ts';
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
  'areaBlackoutDate',
  'timeOfDay',
  'facilitatorDay',
  'facilitatorWeek',
  'facilitatorGap',
  'areaSameDay',
] as const;
export type RuleKey = (typeof ruleKeys)[number];

export interface RuleViolation {
  rule: RuleKey;
  /** Danish, for the facilitator who moved the meeting. */
  message: string;
}

export function periodOf(settings: PlanningSettings, year: number): { first: DayNumber; last: DayNumber } {
  return {
    first: dayOf(settings.periodStart ?? `${year}-01-01`),
    last: dayOf(settings.periodEnd ?? `${year}-12-31`),
  };
}

function inRange(monthDay: string, from: string, to: string): boolean {
  return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
}

/**
 * The calendar rules a day breaks for every area (period, weekday, holiday, blackouts), first the
 * most basic. The planner keeps only days where this is empty.
 */
export function calendarViolations(
  day: DayNumber,
  settings: PlanningSettings,
  year: number,
): RuleViolation[] {
  const found: RuleViolation[] = [];
  const date = dateOf(day);
  const { first, last } = periodOf(settings, year);
  if (day < first || day > last)
    found.push({
      rule: 'period',
      message: `${weekdayDayDate(date)} ligger uden for cyklussens periode (${dateOf(first)}–${dateOf(last)})`,
    });
  const weekday = isoWeekday(day);
  if (!settings.weekdays.includes(weekday))
    found.push({
      rule: 'weekday',
      message: `${weekdayDayDate(date)} er en ${isoWeekdayName(weekday)}; møder holdes kun ${settings.weekdays.map((d) => isoWeekdayName(d)).join(', ')}`,
    });
  const holiday = holidayName(date);
  if (holiday)
    found.push({ rule: 'holiday', message: `${weekdayDayDate(date)} er en helligdag (${holiday})` });
  const week = isoWeek(day);
  if (settings.blackoutWeeks.includes(week))
    found.push({
      rule: 'blackoutWeek',
      message: `${weekdayDayDate(date)} ligger i uge ${week}, som er friholdt`,
    });
  const month = Number(date.slice(5, 7));
  if (settings.blackoutMonths.includes(month))
    found.push({ rule: 'blackoutMonth', message: `${weekdayDayDate(date)} ligger i en friholdt måned` });
  const monthDay = date.slice(5);
  const range = settings.blackoutRanges.find((r) => inRange(monthDay, r.from, r.to));
  if (range)
    found.push({
      rule: 'blackoutRange',
      message: `${weekdayDayDate(date)} ligger i den friholdte periode ${range.from}–${range.to}`,
    });
  if (settings.blackoutDates.includes(date))
    found.push({ rule: 'blackoutDate', message: `${weekdayDayDate(date)} er friholdt for hele cyklussen` });
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

/** Every rule one meeting breaks where it stands; empty when the move is allowed. */
export function checkMeeting(context: MoveContext): RuleViolation[] {
  const { settings, date } = context;
  const day = dayOf(date);
  const found = calendarViolations(day, settings, context.year);
  if (areaBlackoutDays(settings, context.areaId).has(day))
    found.push({ rule: 'areaBlackoutDate', message: `${weekdayDayDate(date)} er friholdt for dette område` });
  if (context.startTime < settings.startTime || context.endTime > settings.endTime)
    found.push({
      rule: 'timeOfDay',
      message: `Mødet ${context.startTime}–${context.endTime} ligger uden for tidsrummet ${settings.startTime}–${settings.endTime}`,
    });
  const who = context.facilitatorName ?? 'Facilitatoren';
  if (context.facilitatorDays.includes(day))
    found.push({ rule: 'facilitatorDay', message: `${who} har allerede et møde ${weekdayDayDate(date)}` });
  const monday = mondayOf(day);
  const inWeek = context.facilitatorDays.filter((d) => mondayOf(d) === monday && d !== day).length;
  if (inWeek + 1 > settings.maxPerWeek)
    found.push({
      rule: 'facilitatorWeek',
      message: `${who} ville få ${inWeek + 1} møder i uge ${isoWeek(day)} (højst ${settings.maxPerWeek})`,
    });
  const tooClose = context.facilitatorDays.find(
    (d) => d !== day && Math.abs(d - day) < settings.minDaysBetween,
  );
  if (tooClose !== undefined)
    found.push({
      rule: 'facilitatorGap',
      message: `${who} har et møde ${weekdayDayDate(dateOf(tooClose))}; der skal være mindst ${settings.minDaysBetween} dage mellem to møder`,
    });
  if (context.areaDays.includes(day))
    found.push({ rule: 'areaSameDay', message: `Området har allerede et møde ${weekdayDayDate(date)}` });
  return found;
}
