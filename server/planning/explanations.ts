import { clockText, dayDate, dayMonth, isoWeekdayName, monthName, weekdayDayMonth } from '../text/dates.ts';
import type { Language } from '../text/language.ts';
import { listText } from '../text/lists.ts';
import { catalogueFor } from '../text/messages.ts';
import { monthBlackoutName, rangeBlackoutName, weekBlackoutName } from './blackouts.ts';
import { type DayNumber, dayOf } from './days.ts';
import { calendarViolations, type RuleBreach } from './rules.ts';
import type { PlanningSettings } from './settings.ts';

/**
 * A meeting's "why this date" as a facilitator would write it: one short sentence per reason, from
 * the catalogue of the programme's language (Danish unless told). Sentences are kept on lines of
 * their own, so a page listing many meetings can say the reasons they share once.
 */
const text = (lang: Language) => catalogueFor(lang).planning;

export const SENTENCE_BREAK = '\n';

export function sentencesOf(explanation: string | null): string[] {
  return (explanation ?? '').split(SENTENCE_BREAK).filter(Boolean);
}

const monthDayText = (md: string, lang: Language) => dayMonth(`2024-${md}`, lang);

/** The sentence that names a blackout or holiday a day falls on; null for rules that are no blackout. */
function blackoutSentence(breach: RuleBreach, lang: Language): string | null {
  const { explanation: say, blackoutNames } = text(lang);
  const named = (name: keyof typeof blackoutNames | null) => (name ? blackoutNames[name] : null);
  switch (breach.rule) {
    case 'blackoutWeek':
      return say.notInWeek(breach.week, named(weekBlackoutName(breach.week)));
    case 'blackoutMonth':
      return say.notInMonth(monthName(breach.month, lang), named(monthBlackoutName(breach.month)));
    case 'blackoutRange':
      return say.notInRange(
        monthDayText(breach.from, lang),
        monthDayText(breach.to, lang),
        named(rangeBlackoutName(breach.from, breach.to)),
      );
    case 'blackoutDate':
      return say.notOnDate(dayDate(breach.date, lang), null);
    case 'holiday':
      return say.notOnDate(dayMonth(breach.date, lang), breach.holiday);
    case 'areaBlackoutDate':
      return say.notOnAreaDate(dayDate(breach.date, lang));
    case 'blackoutDay':
      return say.notOnNamedDays(blackoutNames[breach.day]);
    default:
      return null;
  }
}

/** The rules every meeting of a plan keeps: weekdays and time, holidays and each blackout, named. */
export function planRuleSentences(settings: PlanningSettings, lang: Language = 'da'): string[] {
  const say = text(lang).explanation;
  const blackouts: RuleBreach[] = [
    ...settings.blackoutWeeks.map((week): RuleBreach => ({ rule: 'blackoutWeek', date: '', week })),
    ...settings.blackoutMonths.map((month): RuleBreach => ({ rule: 'blackoutMonth', date: '', month })),
    ...settings.blackoutRanges.map((r): RuleBreach => ({ rule: 'blackoutRange', date: '', ...r })),
    ...settings.blackoutDates.map((date): RuleBreach => ({ rule: 'blackoutDate', date })),
    ...settings.blackoutDays.map((day): RuleBreach => ({ rule: 'blackoutDay', date: '', day })),
  ];
  return [
    timesSentence(settings, lang),
    say.noHolidays,
    ...blackouts.map((b) => blackoutSentence(b, lang)).filter((s): s is string => s !== null),
  ];
}

/** The same few sentences serve every meeting of a plan: said once per weekdays, times and language. */
const timesSentences = new Map<string, string>();

function timesSentence(
  settings: PlanningSettings,
  lang: Language,
  times: { startTime: string; endTime: string } = settings,
): string {
  const key = `${lang} ${settings.weekdays.join()} ${times.startTime} ${times.endTime}`;
  let sentence = timesSentences.get(key);
  if (sentence === undefined) {
    if (timesSentences.size > 1000) timesSentences.clear();
    sentence = text(lang).explanation.times(
      listText(
        settings.weekdays.map((d) => isoWeekdayName(d, lang)),
        lang,
      ),
      clockText(times.startTime, lang),
      clockText(times.endTime, lang),
    );
    timesSentences.set(key, sentence);
  }
  return sentence;
}

/** What the planner knows about one placement, enough to say why it fell where it did. */
export interface PlacementFacts {
  settings: PlanningSettings;
  year: number;
  areaName: string;
  reason: 'spread' | 'history' | 'packed' | 'current';
  date: string;
  /** The allowed day the planner aimed for. */
  targetDate: string;
  /** The day it aimed near: last cycle's date moved into this year, or the meeting's own date. */
  reference: { date: string; day: DayNumber } | null;
  sequence: number;
  /** Which series the meeting is of, and its place in it. */
  slot?: { seriesName: string | null; n: number; of: number; startTime: string; endTime: string };
  facilitator: { name: string; load: number } | null;
  /** asked: false when the host has not been asked whether it will host. */
  host: { name: string; timesBefore: number; asked?: boolean } | null;
  /** The language of the programme's texts. */
  language: Language;
}

function dateReason(facts: PlacementFacts): string {
  const lang = facts.language;
  const say = text(lang).explanation;
  const day = weekdayDayMonth(facts.date, lang);
  if (facts.reason === 'history' && facts.reference)
    return say.history(day, dayDate(facts.reference.date, lang));
  if (facts.reason === 'current' && facts.reference)
    return say.current(day, dayDate(facts.reference.date, lang));
  if (facts.reason === 'packed') return say.packed(facts.areaName, day);
  return say.spread(facts.areaName, day);
}

/** The blackouts and holidays that kept the meeting off the day it aimed near. */
function referenceBlackouts(facts: PlacementFacts): string[] {
  if (!facts.reference || facts.reason === 'spread' || facts.reason === 'packed') return [];
  return calendarViolations(facts.reference.day, facts.settings, facts.year)
    .map((b) => blackoutSentence(b, facts.language))
    .filter((s): s is string => s !== null);
}

/** The explanation and warnings of one planned meeting. */
export function explainPlacement(facts: PlacementFacts): { explanation: string; warnings: string[] } {
  const { settings, language } = facts;
  const say = text(language).explanation;
  const sentences = [dateReason(facts), ...referenceBlackouts(facts)];
  if (facts.date !== facts.targetDate) sentences.push(say.taken(weekdayDayMonth(facts.targetDate, language)));
  if (facts.slot?.seriesName) sentences.push(say.series(facts.slot.seriesName, facts.slot.n, facts.slot.of));
  else if (settings.meetingsPerArea > 1)
    sentences.push(say.sequence(facts.sequence, settings.meetingsPerArea));
  sentences.push(
    facts.facilitator ? say.facilitator(facts.facilitator.name, facts.facilitator.load) : say.noFacilitator,
  );
  sentences.push(
    !facts.host
      ? say.noHost
      : facts.host.timesBefore === 0
        ? say.hostFirst(facts.host.name)
        : say.hostFewest(facts.host.name, facts.host.timesBefore),
  );
  if (facts.host?.asked === false) sentences.push(say.hostNotAsked);
  // a series may keep its own times (the leaders' gatherings in the afternoon)
  sentences.push(timesSentence(settings, language, facts.slot ?? settings));
  const warnings: string[] = [];
  if (facts.reason === 'history' && facts.reference) {
    const distance = Math.abs(dayOf(facts.date) - facts.reference.day);
    if (distance > settings.historyWindowWeeks * 7)
      warnings.push(say.farFromLast(Math.round(distance / 7), settings.historyWindowWeeks));
  }
  return { explanation: sentences.join(SENTENCE_BREAK), warnings };
}

/**
 * A meeting placed by hand, in the programme's language: moved, or created for one area outside the
 * plan ('extra'); when to, by whom, and whether it keeps the rules.
 */
export function handPlacedExplanation(
  how: 'moved' | 'extra',
  at: { date: string; startTime: string; endTime: string },
  by: string,
  breaksRules: boolean,
  lang: Language = 'da',
): string {
  const say = text(lang).explanation;
  return [
    say[how](weekdayDayMonth(at.date, lang), clockText(at.startTime, lang), clockText(at.endTime, lang), by),
    breaksRules ? say.movedBreaksRules : say.movedKeepsRules,
  ].join(SENTENCE_BREAK);
}
