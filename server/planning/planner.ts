import type { Language } from '../text/language.ts';
import { type DayNumber, dateOf, dayOf, mondayOf, zonedToUtc } from './days.ts';
import { explainPlacement } from './explanations.ts';
import { MinHeap } from './heap.ts';
import { areaBlackoutDays, calendarViolations, periodOf } from './rules.ts';
import { type SeriesSlot, seriesSlots } from './series.ts';
import type { PlanningSettings } from './settings.ts';

/** A possible host of an area's meeting: the police headquarters or a municipality that has not said no. */
export interface HostCandidate {
  id: number;
  name: string;
  address: string | null;
  /** Said yes, or not asked yet (an unwilling one is never a candidate). */
  willingness?: 'willing' | 'not_asked';
  /** The host's venue in the register, if any: the meeting takes its name and full address. */
  place?: { venueId: number; venueName: string; venueAddress: string } | null;
}

export interface PlannerArea {
  id: number;
  name: string;
  /** Rotation order: the convener first, then the willing members. */
  hosts: HostCandidate[];
  /** Hosts of the area's earlier meetings, oldest first (venue rotation). */
  hostHistory: number[];
  /** Local date of the area's meeting in the last cycle, per sequence (index 0 = first meeting). */
  lastDates: (string | null)[];
  /** Days the area already meets in this cycle (kept meetings when re-planning). */
  busyDays?: DayNumber[];
}

export interface PlannerFacilitator {
  id: number;
  name: string;
  /** Days the facilitator already has meetings (other areas' meetings when re-planning). */
  bookedDays?: DayNumber[];
}

export interface PlanInput {
  year: number;
  settings: PlanningSettings;
  areas: PlannerArea[];
  facilitators: PlannerFacilitator[];
  /** The language the explanations are written in: the programme's (Danish unless told). */
  language?: Language;
}

export interface PlannedMeeting {
  areaId: number;
  sequence: number;
  /** Which series and which of its meetings (null key: the one plain series). */
  slot: SeriesSlot;
  /** Local date and times in the settings' time zone. */
  date: string;
  startTime: string;
  endTime: string;
  startsAt: string;
  endsAt: string;
  facilitatorId: number | null;
  host: HostCandidate | null;
  explanation: string;
  warnings: string[];
}

export interface UnplacedMeeting {
  areaId: number;
  areaName: string;
  sequence: number;
  rule: 'period' | 'areaBlackoutDate' | 'facilitatorCapacity' | 'areaGap';
  reason: string;
}

export type PlanResult =
  | { ok: true; meetings: PlannedMeeting[] }
  | { ok: false; detail: string; unplaced: UnplacedMeeting[] };

interface FacilitatorState {
  id: number;
  name: string;
  load: number;
  booked: Set<DayNumber>;
  perWeek: Map<DayNumber, number>;
  nextFree: DayNumber;
}

interface Pending {
  area: PlannerArea;
  rank: number;
  sequence: number;
  segment: { first: number; last: number };
  target: number;
  targetReason: 'spread' | 'history' | 'packed' | 'current';
  /** The day aimed near: last cycle's date moved into this year, or the meeting's own date. */
  reference: { date: string; day: DayNumber } | null;
}

/**
 * An area's days: where it may not meet (its blackouts), its meetings so far, and the gap rules
 * between them (never two on one day; at least / at most so many days from one to the next).
 */
class AreaCalendar {
  readonly met: DayNumber[];
  constructor(
    readonly blocked: Set<DayNumber>,
    met: DayNumber[],
    private readonly minGap: number,
    private readonly maxGap: number | null,
  ) {
    this.met = [...met];
  }

  refuses(day: DayNumber): boolean {
    return this.blocked.has(day) || this.met.some((d) => Math.abs(d - day) < this.minGap);
  }

  /** Later than the gap allows after the area's last meeting before it: waiting will not help. */
  tooLate(day: DayNumber): boolean {
    if (this.maxGap === null) return false;
    let previous = -Infinity;
    for (const d of this.met) if (d < day && d > previous) previous = d;
    return previous !== -Infinity && day - previous > this.maxGap;
  }

  add(day: DayNumber): void {
    this.met.push(day);
  }
}

interface Placement {
  pending: Pending;
  index: number;
  facilitator: FacilitatorState | null;
}

/** The days every area may meet on (calendar rules only), ascending. */
export function allowedDays(settings: PlanningSettings, year: number): DayNumber[] {
  const { first, last } = periodOf(settings, year);
  const days: DayNumber[] = [];
  for (let day = first; day <= last; day++)
    if (calendarViolations(day, settings, year).length === 0) days.push(day);
  return days;
}

/** k consecutive, equally long runs of the allowed days: meeting j of an area falls in run j. */
function segmentsOf(length: number, k: number): { first: number; last: number }[] {
  return Array.from({ length: k }, (_, j) => ({
    first: Math.floor((j * length) / k),
    last: Math.floor(((j + 1) * length) / k) - 1,
  }));
}

/** Index of the allowed day nearest to a day, within a segment. */
function nearestIndex(days: DayNumber[], day: DayNumber, segment: { first: number; last: number }): number {
  let lo = segment.first;
  let hi = segment.last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  if (lo > segment.first && Math.abs(days[lo - 1]! - day) <= Math.abs(days[lo]! - day)) return lo - 1;
  return lo;
}

/**
 * Last cycle's date moved into this cycle (29 February becomes 28 February); in a period that
 * crosses New Year (September to June), a spring date moves into the following year.
 */
function sameTimeOfYear(lastDate: string, year: number, settings: PlanningSettings): DayNumber {
  const monthDay = lastDate.slice(5) === '02-29' ? '02-28' : lastDate.slice(5);
  const start = settings.periodStart;
  const crosses =
    start !== undefined && settings.periodEnd !== undefined && settings.periodEnd > `${year}-12-31`;
  return dayOf(`${crosses && monthDay < start.slice(5) ? year + 1 : year}-${monthDay}`);
}

function newFacilitatorStates(facilitators: PlannerFacilitator[]): FacilitatorState[] {
  return [...facilitators]
    .sort((a, b) => a.id - b.id)
    .map((f): FacilitatorState => {
      const booked = new Set(f.bookedDays ?? []);
      const perWeek = new Map<DayNumber, number>();
      for (const day of booked) perWeek.set(mondayOf(day), (perWeek.get(mondayOf(day)) ?? 0) + 1);
      return { id: f.id, name: f.name, load: booked.size, booked, perWeek, nextFree: -Infinity };
    });
}

function canTake(f: FacilitatorState, day: DayNumber, settings: PlanningSettings): boolean {
  if ((f.perWeek.get(mondayOf(day)) ?? 0) >= settings.maxPerWeek) return false;
  for (let d = day - settings.minDaysBetween + 1; d < day + settings.minDaysBetween; d++)
    if (f.booked.has(d)) return false;
  return true;
}

function book(f: FacilitatorState, day: DayNumber, settings: PlanningSettings): void {
  f.booked.add(day);
  f.load++;
  const monday = mondayOf(day);
  const inWeek = (f.perWeek.get(monday) ?? 0) + 1;
  f.perWeek.set(monday, inWeek);
  f.nextFree =
    inWeek >= settings.maxPerWeek
      ? Math.max(day + settings.minDaysBetween, monday + 7)
      : day + settings.minDaysBetween;
}

const byLoad = (a: FacilitatorState, b: FacilitatorState) =>
  a.load < b.load || (a.load === b.load && a.id < b.id);
const byNextFree = (a: FacilitatorState, b: FacilitatorState) =>
  a.nextFree < b.nextFree || (a.nextFree === b.nextFree && a.id < b.id);

/**
 * One chronological sweep over the allowed days. Each meeting is released on its target day and
 * waits (moving later) until a facilitator is free; free facilitators sit in a heap by load, busy
 * ones in a heap by the day they are free again, so each placement costs O(log F), and the whole
 * plan O((n + F) log F + days) instead of rescanning meetings per day.
 */
function sweep(
  days: DayNumber[],
  pending: Pending[],
  facilitators: FacilitatorState[],
  settings: PlanningSettings,
  calendars: Map<number, AreaCalendar>,
  fixed: Map<number, FacilitatorState> | null,
): { placements: Placement[]; unplaced: Pending[]; lateForGap: Set<Pending> } {
  const order = [...pending].sort(
    (a, b) => a.target - b.target || a.rank - b.rank || a.sequence - b.sequence,
  );
  const available = new MinHeap(byLoad);
  const waiting = new MinHeap(byNextFree);
  if (!fixed) for (const f of facilitators) available.push(f);
  const placements: Placement[] = [];
  const unplaced: Pending[] = [];
  const lateForGap = new Set<Pending>();
  let ready: Pending[] = [];
  let next = 0;
  for (let index = 0; index < days.length; index++) {
    const day = days[index]!;
    while (next < order.length && order[next]!.target <= index) ready.push(order[next++]!);
    if (ready.length === 0) continue;
    while (waiting.size > 0 && waiting.peek()!.nextFree <= day) available.push(waiting.pop()!);
    const stash: FacilitatorState[] = [];
    const kept: Pending[] = [];
    let exhausted = false;
    for (const p of ready) {
      if (p.segment.last < index) {
        unplaced.push(p);
        continue;
      }
      const calendar = calendars.get(p.area.id)!;
      if (calendar.tooLate(day)) {
        lateForGap.add(p);
        unplaced.push(p);
        continue;
      }
      if (calendar.refuses(day) || (exhausted && !fixed)) {
        kept.push(p);
        continue;
      }
      let chosen: FacilitatorState | null = null;
      if (fixed) {
        // the area keeps its one facilitator: it waits for that one, not for whoever is free
        chosen = fixed.get(p.area.id) ?? null;
        if (chosen && !canTake(chosen, day, settings)) {
          kept.push(p);
          continue;
        }
        if (chosen) book(chosen, day, settings);
      } else if (facilitators.length > 0) {
        while (available.size > 0) {
          const f = available.pop()!;
          if (canTake(f, day, settings)) {
            chosen = f;
            break;
          }
          stash.push(f);
        }
        if (!chosen) {
          exhausted = true;
          kept.push(p);
          continue;
        }
        book(chosen, day, settings);
        waiting.push(chosen);
      }
      placements.push({ pending: p, index, facilitator: chosen });
      calendar.add(day);
    }
    for (const f of stash) available.push(f);
    ready = kept;
  }
  unplaced.push(...ready, ...order.slice(next));
  return { placements, unplaced, lateForGap };
}

/**
 * Rotation among those who said yes (or, when nobody has, those not asked yet): the candidate who
 * hosted least often, then longest ago, then in list order.
 */
export function chooseHost(candidates: HostCandidate[], history: number[]): HostCandidate | null {
  const willing = candidates.filter((c) => c.willingness === 'willing');
  const pool = willing.length > 0 ? willing : candidates;
  let best: HostCandidate | null = null;
  let bestCount = Infinity;
  let bestLast = Infinity;
  for (const c of pool) {
    let count = 0;
    let last = -1;
    history.forEach((id, i) => {
      if (id === c.id) {
        count++;
        last = i;
      }
    });
    if (count < bestCount || (count === bestCount && last < bestLast)) {
      best = c;
      bestCount = count;
      bestLast = last;
    }
  }
  return best;
}

interface Finished {
  placements: Placement[];
  strategy: 'spread' | 'packed' | 'nearest';
}

/** Turns placements into meetings with times, hosts and the explanation of each date in the programme's language. */
function describe(input: PlanInput, days: DayNumber[], finished: Finished): PlannedMeeting[] {
  const { settings } = input;
  const slots = seriesSlots(settings);
  const times = new Map<string, { startsAt: string; endsAt: string }>();
  const histories = new Map(input.areas.map((a) => [a.id, [...a.hostHistory]]));
  const sorted = [...finished.placements].sort(
    (a, b) => a.pending.rank - b.pending.rank || a.pending.sequence - b.pending.sequence,
  );
  return sorted.map(({ pending, index, facilitator }) => {
    const day = days[index]!;
    const date = dateOf(day);
    const slot = slots[pending.sequence - 1] ?? slots[slots.length - 1]!;
    const timeKey = `${date} ${slot.startTime} ${slot.endTime}`;
    let time = times.get(timeKey);
    if (!time) {
      time = {
        startsAt: zonedToUtc(date, slot.startTime, settings.timeZone),
        endsAt: zonedToUtc(date, slot.endTime, settings.timeZone),
      };
      times.set(timeKey, time);
    }
    const history = histories.get(pending.area.id)!;
    const host = chooseHost(pending.area.hosts, history);
    const timesBefore = host ? history.filter((id) => id === host.id).length : 0;
    if (host) history.push(host.id);
    const { explanation, warnings } = explainPlacement({
      settings,
      year: input.year,
      areaName: pending.area.name,
      reason: pending.targetReason,
      date,
      targetDate: dateOf(days[pending.target]!),
      reference: pending.reference,
      sequence: pending.sequence,
      slot,
      facilitator: facilitator && { name: facilitator.name, load: facilitator.load },
      host: host && { name: host.name, timesBefore, asked: host.willingness !== 'not_asked' },
      language: input.language ?? 'da',
    });
    return {
      areaId: pending.area.id,
      sequence: pending.sequence,
      slot,
      date,
      startTime: slot.startTime,
      endTime: slot.endTime,
      ...time,
      facilitatorId: facilitator?.id ?? null,
      host,
      explanation,
      warnings,
    };
  });
}

function nounFor(settings: PlanningSettings, count: number): string {
  if (settings.areaKind === 'police_district' && settings.meetingsPerArea === 1)
    return count === 1 ? 'district' : 'districts';
  return count === 1 ? 'meeting' : 'meetings';
}

function infeasible(
  input: PlanInput,
  days: DayNumber[],
  unplaced: Pending[],
  total: number,
  calendars: Map<number, AreaCalendar>,
  lateForGap: Set<Pending> = new Set(),
): PlanResult {
  const { settings } = input;
  const weeks = new Set(days.map(mondayOf)).size;
  const f = input.facilitators.length;
  const capacityText =
    f * settings.maxPerWeek * weeks < total
      ? `${f} facilitator${f === 1 ? '' : 's'} × ${settings.maxPerWeek} per week is too few for ${total} ${nounFor(settings, total)} in ${weeks} week${weeks === 1 ? '' : 's'}`
      : `${f} facilitator${f === 1 ? '' : 's'} with at most ${settings.maxPerWeek} per week and ${settings.minDaysBetween} days between meetings cannot cover ${total} ${nounFor(settings, total)} in ${weeks} week${weeks === 1 ? '' : 's'}`;
  const list = [...unplaced]
    .sort((a, b) => a.rank - b.rank || a.sequence - b.sequence)
    .map((p): UnplacedMeeting => {
      if (lateForGap.has(p))
        return {
          areaId: p.area.id,
          areaName: p.area.name,
          sequence: p.sequence,
          rule: 'areaGap',
          reason: `no day within ${settings.maxDaysBetweenAreaMeetings} days of ${p.area.name}'s previous meeting`,
        };
      const blocked = calendars.get(p.area.id)?.blocked ?? new Set();
      const open = days.slice(p.segment.first, p.segment.last + 1).some((d) => !blocked.has(d));
      return open
        ? {
            areaId: p.area.id,
            areaName: p.area.name,
            sequence: p.sequence,
            rule: 'facilitatorCapacity',
            reason: capacityText,
          }
        : {
            areaId: p.area.id,
            areaName: p.area.name,
            sequence: p.sequence,
            rule: 'areaBlackoutDate',
            reason: `every allowed day of the period is blacked out for ${p.area.name}`,
          };
    });
  const rules = [...new Set(list.map((u) => u.reason))];
  return {
    ok: false,
    detail: `${list.length} of ${total} meetings could not be placed: ${rules.join('; ')}`,
    unplaced: list,
  };
}

function noDays(input: PlanInput, areas: PlannerArea[]): PlanResult {
  const { first, last } = periodOf(input.settings, input.year);
  const reason = `the period ${dateOf(first)}–${dateOf(last)} has too few allowed days for ${input.settings.meetingsPerArea} meeting(s) per area after weekdays, holidays and blackouts`;
  return {
    ok: false,
    detail: reason,
    unplaced: areas.flatMap((a) =>
      Array.from({ length: input.settings.meetingsPerArea }, (_, j) => ({
        areaId: a.id,
        areaName: a.name,
        sequence: j + 1,
        rule: 'period' as const,
        reason,
      })),
    ),
  };
}

/** Each area's blackouts and the meetings it already has (kept ones when re-planning). */
function calendarsOf(input: PlanInput): Map<number, AreaCalendar> {
  const { settings } = input;
  return new Map(
    input.areas.map((a) => [
      a.id,
      new AreaCalendar(
        areaBlackoutDays(settings, a.id),
        a.busyDays ?? [],
        settings.minDaysBetweenAreaMeetings,
        settings.maxDaysBetweenAreaMeetings,
      ),
    ]),
  );
}

/**
 * With one facilitator per area: the one the settings fix to the area, else the facilitator with
 * the fewest meetings so far (areas in plan order), so the load stays even.
 */
function fixedFacilitators(
  input: PlanInput,
  areas: PlannerArea[],
  states: FacilitatorState[],
): Map<number, FacilitatorState> | null {
  const { settings } = input;
  if (!settings.facilitatorPerArea || states.length === 0) return null;
  const byId = new Map(states.map((f) => [f.id, f]));
  const assigned = new Map<number, FacilitatorState>();
  const meetingsOf = new Map(states.map((f) => [f.id, f.load]));
  for (const area of areas) {
    const named = byId.get(settings.areaFacilitatorIds[String(area.id)] ?? -1);
    if (named) {
      assigned.set(area.id, named);
      meetingsOf.set(named.id, meetingsOf.get(named.id)! + settings.meetingsPerArea);
    }
  }
  const named = new Set(Object.values(settings.areaFacilitatorIds));
  const pool = states.filter((f) => !named.has(f.id));
  for (const area of areas) {
    if (assigned.has(area.id) || pool.length === 0) continue;
    let least = pool[0]!;
    for (const f of pool) if (meetingsOf.get(f.id)! < meetingsOf.get(least.id)!) least = f;
    assigned.set(area.id, least);
    meetingsOf.set(least.id, meetingsOf.get(least.id)! + settings.meetingsPerArea);
  }
  return assigned;
}

/**
 * The plan of a cycle: every area's k meetings on allowed days, spread over the year (or near last
 * cycle's dates), each with a facilitator within capacity and a host in rotation — or, when that is
 * impossible, which meetings could not be placed and why. Pure and deterministic.
 */
export function planCycle(input: PlanInput): PlanResult {
  const { settings, year } = input;
  const areas = [...input.areas].sort((a, b) => a.name.localeCompare(b.name, 'da') || a.id - b.id);
  const days = allowedDays(settings, year);
  const k = settings.meetingsPerArea;
  if (days.length < k) return noDays(input, areas);
  const segments = segmentsOf(days.length, k);
  const total = areas.length * k;

  const pendingFor = (packed: boolean): Pending[] =>
    areas.flatMap((area, rank) =>
      segments.map((segment, j): Pending => {
        const lastDate = area.lastDates[j] ?? null;
        if (packed)
          return {
            area,
            rank,
            sequence: j + 1,
            segment,
            target: segment.first,
            targetReason: 'packed',
            reference: null,
          };
        if (lastDate) {
          const day = sameTimeOfYear(lastDate, year, settings);
          return {
            area,
            rank,
            sequence: j + 1,
            segment,
            target: nearestIndex(days, day, segment),
            targetReason: 'history',
            reference: { date: lastDate, day },
          };
        }
        const length = segment.last - segment.first + 1;
        return {
          area,
          rank,
          sequence: j + 1,
          segment,
          target: segment.first + Math.floor(((rank + 0.5) * length) / areas.length),
          targetReason: 'spread',
          reference: null,
        };
      }),
    );

  let lastUnplaced: Pending[] = [];
  let lastLate = new Set<Pending>();
  for (const packed of [false, true]) {
    const facilitators = newFacilitatorStates(input.facilitators);
    const fixed = fixedFacilitators(input, areas, facilitators);
    const calendars = calendarsOf(input);
    const { placements, unplaced, lateForGap } = sweep(
      days,
      pendingFor(packed),
      facilitators,
      settings,
      calendars,
      fixed,
    );
    if (unplaced.length === 0)
      return {
        ok: true,
        meetings: describe({ ...input, areas }, days, { placements, strategy: packed ? 'packed' : 'spread' }),
      };
    lastUnplaced = unplaced;
    lastLate = lateForGap;
  }
  return infeasible(input, days, lastUnplaced, total, calendarsOf(input), lastLate);
}

export interface ReplanRequest {
  input: PlanInput;
  area: PlannerArea;
  /** The sequences to place, each with the day to stay near (its current date, if any). */
  sequences: { sequence: number; near: string | null }[];
}

/**
 * Re-plans one area's meetings on their own, the rest of the cycle fixed (their facilitators'
 * bookings come in as bookedDays): each meeting goes to the allowed day nearest its target where a
 * facilitator is free. Small by nature (k meetings), so a plain nearest-first scan.
 */
export function replanArea({ input, area, sequences }: ReplanRequest): PlanResult {
  const { settings, year } = input;
  const days = allowedDays(settings, year);
  const k = settings.meetingsPerArea;
  if (days.length < k) return noDays(input, [area]);
  const segments = segmentsOf(days.length, k);
  const facilitators = newFacilitatorStates(input.facilitators);
  const calendar = calendarsOf({ ...input, areas: [area] }).get(area.id)!;
  const placements: Placement[] = [];
  const unplaced: Pending[] = [];
  for (const { sequence, near } of [...sequences].sort((a, b) => a.sequence - b.sequence)) {
    const segment = segments[sequence - 1] ?? segments[segments.length - 1]!;
    const lastDate = area.lastDates[sequence - 1] ?? null;
    const reference = lastDate ? sameTimeOfYear(lastDate, year, settings) : near ? dayOf(near) : null;
    const target =
      reference === null
        ? Math.floor((segment.first + segment.last) / 2)
        : nearestIndex(days, reference, segment);
    const pending: Pending = {
      area,
      rank: 0,
      sequence,
      segment,
      target,
      targetReason: lastDate ? 'history' : 'current',
      reference: lastDate
        ? { date: lastDate, day: sameTimeOfYear(lastDate, year, settings) }
        : near
          ? { date: near, day: dayOf(near) }
          : null,
    };
    let placed = false;
    for (let step = 0; !placed && step <= segment.last - segment.first; step++) {
      for (const index of step === 0 ? [target] : [target - step, target + step]) {
        if (index < segment.first || index > segment.last) continue;
        const day = days[index]!;
        if (calendar.refuses(day) || calendar.tooLate(day)) continue;
        let chosen: FacilitatorState | null = null;
        if (facilitators.length > 0) {
          chosen =
            [...facilitators]
              .sort((a, b) => a.load - b.load || a.id - b.id)
              .find((f) => canTake(f, day, settings)) ?? null;
          if (!chosen) continue;
          book(chosen, day, settings);
        }
        calendar.add(day);
        placements.push({ pending, index, facilitator: chosen });
        placed = true;
        break;
      }
    }
    if (!placed) unplaced.push(pending);
  }
  if (unplaced.length > 0)
    return infeasible(input, days, unplaced, sequences.length, calendarsOf({ ...input, areas: [area] }));
  return {
    ok: true,
    meetings: describe({ ...input, areas: [area] }, days, { placements, strategy: 'nearest' }),
  };
}
