import { remembered } from '../text/dates.ts';
import { dateOf, dayOf, utcToZoned, zonedToUtc } from './days.ts';

const addDays = (date: string, days: number) => dateOf(dayOf(date) + days);

/** The default of PlanningSettings.replyDaysBefore, for meetings whose cycle predates it or that have none. */
export const DEFAULT_REPLY_DAYS_BEFORE = 14;

/**
 * A meeting's reply deadline (svarfrist) as a local date: its own, else the cycle's number of days
 * before the meeting. Derived rather than stored, so a moved meeting's deadline moves with it.
 */
export function replyByDate(m: {
  replyBy: string | null;
  replyDaysBefore: number | null;
  startsAt: string;
  timeZone: string;
}): string {
  if (m.replyBy) return m.replyBy;
  const daysBefore = m.replyDaysBefore ?? DEFAULT_REPLY_DAYS_BEFORE;
  return remembered(derivedDeadlines, `${m.startsAt}|${m.timeZone}|${daysBefore}`, () =>
    addDays(utcToZoned(m.startsAt, m.timeZone).date, -daysBefore),
  );
}

/** The instant the deadline passes: the end of its local day. */
export function replyClosesAt(replyBy: string, timeZone: string): string {
  return remembered(closingInstants, `${replyBy}|${timeZone}`, () =>
    zonedToUtc(addDays(replyBy, 1), '00:00', timeZone),
  );
}

// Every answer and answer page works out its meeting's deadline and whether the answer was late:
// the zone arithmetic cost more than the rest of the answer's state. Both depend on their key alone.
const derivedDeadlines = new Map<string, string>();
const closingInstants = new Map<string, string>();

/** An answer given after the deadline (still taken, marked late for the facilitator). */
export function answeredLate(respondedAt: string | null, replyBy: string, timeZone: string): boolean {
  return respondedAt !== null && Date.parse(respondedAt) >= Date.parse(replyClosesAt(replyBy, timeZone));
}
