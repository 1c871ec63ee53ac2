/** The school holidays and Christmas the default blackouts stand for, so a sentence can name them. */
export type BlackoutName = 'winter' | 'autumn' | 'summer' | 'christmas';

/** Whether a month-day (MM-DD) lies in a yearly range; from > to wraps over New Year. */
export function inRange(monthDay: string, from: string, to: string): boolean {
  return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
}

/** Weeks 7–8 are the winter holiday and week 42 the autumn holiday in Danish schools. */
export function weekBlackoutName(week: number): BlackoutName | null {
  return week === 7 || week === 8 ? 'winter' : week === 42 ? 'autumn' : null;
}

export function monthBlackoutName(month: number): BlackoutName | null {
  return month === 7 ? 'summer' : null;
}

export function rangeBlackoutName(from: string, to: string): BlackoutName | null {
  return inRange('12-24', from, to) ? 'christmas' : null;
}
