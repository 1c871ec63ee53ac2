import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { meeting } from '../../db/schema/index.ts';
import { undone } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest, notFound } from '../http/problems.ts';
import {
  audienceRoleKeysOf,
  type ProgrammeRow,
  programmeForArea,
  programmeNamed,
  programmeOfAreaKind,
  programmeTextLanguage,
} from '../programmes/programmes.ts';
import { ProgrammeSettings } from '../programmes/schemas.ts';
import type { Language } from '../text/language.ts';
import { nowIso } from '../time.ts';
import { placeOfVenue } from '../venues/place.ts';
import type { PlanningContext } from './context.ts';
import { type DayNumber, dayOf, utcToZoned } from './days.ts';
import type { MeetingChange } from './meeting-changes.ts';
import { meetingsOfCycle } from './meetings.ts';
import {
  type PlanInput,
  type PlannedMeeting,
  type PlannerArea,
  type PlannerFacilitator,
  type PlanResult,
  planCycle,
  replanArea,
} from './planner.ts';
import {
  type AreaRow,
  areaOfKind,
  areaOfMeeting,
  areasOfKind,
  type CycleRow,
  cycleById,
  cycleOfYear,
  cycleSummaries,
  earlierMeetings,
  facilitatorBookings,
  facilitatorRoleHolders,
  hostCandidates,
  insertCycle,
  insertMeetings,
  meetingRow,
  peopleNamed,
  personContacts,
  updateCycle,
  updateMeetingRow,
} from './queries.ts';
import { InfeasiblePlan, YearAlreadyPlanned } from './refusals.ts';
import { replyByDate } from './reply-deadline.ts';
import type { Cycle, CycleSummary, Meeting, MeetingPreview, PlanPreview, ReplanArea } from './schemas.ts';
import { withSeriesTotal } from './series.ts';
import {
  type PlanningSettings,
  type PlanningSettingsPatch,
  PlanningSettings as SettingsSchema,
} from './settings.ts';

/** How a programme names its meetings and cycles; areas no programme convenes get plain Danish names. */
interface Naming {
  programmeName: string | null;
  titlePattern: string;
}

export const namingOfProgramme = (programme: ProgrammeRow): Naming => ({
  programmeName: programme.name,
  titlePattern: programme.titlePattern,
});

/** The language a kind of area's plans are explained in: its programme's, Danish for areas none convenes. */
function languageOfKind(db: Db, areaKind: string): Language {
  const programme = programmeOfAreaKind(db, areaKind);
  return programme ? programmeTextLanguage(db, programme) : 'da';
}

function namingOf(db: Db, areaKind: string): Naming {
  const programme = programmeOfAreaKind(db, areaKind);
  return programme
    ? namingOfProgramme(programme)
    : { programmeName: null, titlePattern: 'Møde {year}{sequence} – {area}' };
}

/**
 * The title from the programme's pattern; " (2/3)" goes where {sequence} stands, else after the
 * rest; a series' name where {series} stands, else after the area ("…: Ledersamling (2/3)").
 */
export function meetingTitle(
  naming: Naming,
  year: number,
  areaName: string,
  sequence: number,
  k: number,
  seriesName: string | null = null,
) {
  const sequenceText = k > 1 ? ` (${sequence}/${k})` : '';
  const pattern = naming.titlePattern;
  const seriesText = seriesName && !pattern.includes('{series}') ? `: ${seriesName}` : '';
  const title = pattern
    .replaceAll('{programme}', naming.programmeName ?? '')
    .replaceAll('{year}', String(year))
    .replaceAll('{area}', `${areaName}${pattern.includes('{sequence}') ? seriesText : ''}`)
    .replaceAll('{series}', seriesName ?? '')
    .replaceAll('{sequence}', sequenceText)
    .trim();
  return pattern.includes('{sequence}') ? title : `${title}${seriesText}${sequenceText}`;
}

function areasToPlan(db: Db, settings: PlanningSettings): AreaRow[] {
  const rows = areasOfKind(db, settings.areaKind);
  if (!settings.areaIds) return rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = settings.areaIds.filter((id) => !byId.has(id));
  if (unknown.length)
    throw badRequest(`No area of kind ${settings.areaKind} with id ${unknown.join(', ')}`, [
      { field: 'body.settings.areaIds', message: `unknown area ${unknown.join(', ')}` },
    ]);
  return [...new Set(settings.areaIds)].map((id) => byId.get(id)!);
}

/** The host candidates, the host history and last cycle's dates of the areas, from the database. */
function plannerAreas(db: Db, areas: AreaRow[], year: number, kind: string): PlannerArea[] {
  const ids = areas.map((a) => a.id);
  const hosts = hostCandidates(db, ids);
  const earlier = earlierMeetings(db, ids, `${year}-01-01`);
  const byArea = new Map<number, PlannerArea>(
    areas.map((a) => [a.id, { id: a.id, name: a.name, hosts: [], hostHistory: [], lastDates: [] }]),
  );
  for (const h of hosts)
    byArea.get(h.areaId)!.hosts.push({
      id: h.id,
      name: h.name,
      address: h.address,
      willingness: h.willingness,
      place: h.venueId === null ? null : (placeOfVenue(db, h.venueId) ?? null),
    });
  const lastYear = new Map<number, number>();
  for (const m of earlier) {
    const area = byArea.get(m.areaId)!;
    if (m.hostId !== null) area.hostHistory.push(m.hostId);
    if (m.year === null || m.kind !== kind) continue;
    if ((lastYear.get(m.areaId) ?? -1) < m.year) {
      lastYear.set(m.areaId, m.year);
      area.lastDates = [];
    }
    area.lastDates[m.sequence - 1] = utcToZoned(m.startsAt, m.timeZone).date;
  }
  return [...byArea.values()];
}

/** The cycle's facilitators (named, or the programme's holders of the facilitator role) and their other bookings. */
function plannerFacilitators(
  db: Db,
  settings: PlanningSettings,
  year: number,
  excludeMeetingIds: number[] = [],
): PlannerFacilitator[] {
  let rows: { id: number; name: string }[];
  if (settings.facilitatorIds) {
    rows = peopleNamed(db, settings.facilitatorIds);
    const found = new Set(rows.map((r) => r.id));
    const unknown = settings.facilitatorIds.filter((id) => !found.has(id));
    if (unknown.length)
      throw badRequest(`No person with id ${unknown.join(', ')}`, [
        { field: 'body.settings.facilitatorIds', message: `unknown person ${unknown.join(', ')}` },
      ]);
  } else {
    // only the programme's own people: a Norwegian facilitator never gets a Danish meeting
    const programme = programmeOfAreaKind(db, settings.areaKind);
    rows = facilitatorRoleHolders(db, programme ? { id: programme.id, areaKind: programme.areaKind } : null);
  }
  rows = withFixedFacilitators(db, rows, settings);
  const bookings = facilitatorBookings(
    db,
    rows.map((r) => r.id),
    { from: `${year - 1}-12-01`, to: bookingWindowEnd(settings, year) },
    excludeMeetingIds,
  );
  const booked = new Map<number, DayNumber[]>();
  for (const b of bookings) {
    const list = booked.get(b.facilitatorId) ?? [];
    list.push(dayOf(utcToZoned(b.startsAt, b.timeZone).date));
    booked.set(b.facilitatorId, list);
  }
  return rows.map((r) => ({ id: r.id, name: r.name, bookedDays: booked.get(r.id) ?? [] }));
}

/** A process leader fixed to an area facilitates it even without the facilitator role. */
function withFixedFacilitators(
  db: Db,
  rows: { id: number; name: string }[],
  settings: PlanningSettings,
): { id: number; name: string }[] {
  const wanted = [...new Set(Object.values(settings.areaFacilitatorIds))];
  const missing = wanted.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length === 0) return rows;
  const found = peopleNamed(db, missing);
  const unknown = missing.filter((id) => !found.some((r) => r.id === id));
  if (unknown.length)
    throw badRequest(`No person with id ${unknown.join(', ')}`, [
      { field: 'body.settings.areaFacilitatorIds', message: `unknown person ${unknown.join(', ')}` },
    ]);
  return [...rows, ...found];
}

/** Other meetings count against a facilitator until a month after the period. */
function bookingWindowEnd(settings: PlanningSettings, year: number): string {
  const end = settings.periodEnd ?? `${year}-12-31`;
  const [y, m] = end.split('-').map(Number) as [number, number];
  const month = m + 2;
  return month > 12
    ? `${y + 1}-${String(month - 12).padStart(2, '0')}-01`
    : `${y}-${String(month).padStart(2, '0')}-01`;
}

function assertPlanned(result: PlanResult): asserts result is Extract<PlanResult, { ok: true }> {
  if (!result.ok) throw new InfeasiblePlan(result.detail, result.unplaced);
}

function preview(
  planned: PlannedMeeting,
  year: number,
  settings: PlanningSettings,
  naming: Naming,
  area: AreaRow,
  facilitators: Map<number, { name: string; email: string }>,
): MeetingPreview {
  const facilitator = planned.facilitatorId === null ? null : facilitators.get(planned.facilitatorId)!;
  return {
    areaId: area.id,
    area: { id: area.id, name: area.name, kind: area.kind, districtCode: area.code },
    year,
    sequenceInCycle: planned.sequence,
    title: meetingTitle(naming, year, area.name, planned.slot.n, planned.slot.of, planned.slot.seriesName),
    status: 'draft',
    startsAt: planned.startsAt,
    endsAt: planned.endsAt,
    timeZone: settings.timeZone,
    localDate: planned.date,
    localStartTime: planned.startTime,
    localEndTime: planned.endTime,
    host: planned.host && { id: planned.host.id, name: planned.host.name },
    venueName: planned.host?.place?.venueName ?? planned.host?.name ?? null,
    venueAddress: planned.host?.place?.venueAddress ?? planned.host?.address ?? null,
    venueId: planned.host?.place?.venueId ?? null,
    replyBy: replyByDate({
      replyBy: null,
      replyDaysBefore: settings.replyDaysBefore,
      startsAt: planned.startsAt,
      timeZone: settings.timeZone,
    }),
    facilitator:
      facilitator && planned.facilitatorId !== null ? { id: planned.facilitatorId, ...facilitator } : null,
    capacity: settings.capacity,
    audienceRoleKeys: planned.slot.audienceRoleKeys,
    explanation: planned.explanation,
    warnings: planned.warnings,
  };
}

/** What the planner decides about a meeting: when, where, who facilitates and why; the same for a new and a moved one. */
function plannedColumns(preview: MeetingPreview) {
  return {
    startsAt: preview.startsAt,
    endsAt: preview.endsAt,
    hostOrganisationId: preview.host?.id ?? null,
    venueName: preview.venueName,
    venueAddress: preview.venueAddress,
    venueId: preview.venueId,
    facilitatorId: preview.facilitator?.id ?? null,
    explanation: preview.explanation,
    warnings: preview.warnings,
  };
}

function newMeetingRow(
  preview: MeetingPreview,
  cycleId: number,
  context: PlanningContext,
  now: string,
): typeof meeting.$inferInsert {
  return {
    cycleId,
    areaId: preview.areaId,
    sequenceInCycle: preview.sequenceInCycle,
    title: preview.title,
    status: 'draft',
    timeZone: preview.timeZone,
    capacity: preview.capacity,
    audienceRoleKeys: preview.audienceRoleKeys,
    ...plannedColumns(preview),
    icsUid: `${randomUUID()}@${context.icsDomain}`,
    icsSequence: 0,
    createdAt: now,
    updatedAt: now,
  };
}

function facilitatorContacts(db: Db, ids: number[]): Map<number, { name: string; email: string }> {
  const rows = personContacts(db, ids);
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}

export interface PlanYearInput {
  year: number;
  name?: string;
  settings: PlanningSettings;
  dryRun: boolean;
}

/**
 * A cycle's settings: what the caller sent, then the programme's defaults (its planning defaults,
 * area kind, time zone and holiday calendar), then the service's. Without a programme named, the
 * programme of the sent area kind (the Danish one by default) gives its defaults.
 */
export function cycleSettings(
  db: Db,
  programmeKey: string | undefined,
  sent: PlanningSettingsPatch,
): PlanningSettings {
  const programme = programmeKey
    ? programmeNamed(db, programmeKey)
    : programmeOfAreaKind(db, sent.areaKind ?? 'police_district');
  if (programmeKey && !programme)
    throw badRequest(`No programme ${programmeKey}`, [
      { field: 'body.programme', message: 'unknown programme' },
    ]);
  if (!programme) return SettingsSchema.parse(sent);
  const {
    areaOrder: _o,
    fixedAreaOrder: _f,
    ...planning
  } = ProgrammeSettings.parse(programme.settings).planning;
  return SettingsSchema.parse({
    ...planning,
    areaKind: programme.areaKind,
    timeZone: programme.timeZone,
    holidayCountry: programme.holidayCountry,
    holidayRegion: programme.holidayRegion,
    audienceRoleKeys: audienceRoleKeysOf(db, programme),
    ...sent,
  });
}

/** The language an area's meetings are explained in: its programme's. */
/** Who may facilitate the programme's meetings of this area kind: the pages' facilitator choice. */
export function facilitatorChoices(db: Db, areaKind: string): { id: number; name: string }[] {
  const programme = programmeOfAreaKind(db, areaKind);
  return facilitatorRoleHolders(db, programme ? { id: programme.id, areaKind: programme.areaKind } : null);
}

export function areaLanguage(db: Db, areaId: number): Language {
  const area = areaOfMeeting(db, areaId);
  if (!area) throw notFound('Area', areaId);
  return programmeTextLanguage(db, programmeForArea(db, area));
}

/** The rules for a meeting of one area outside any cycle: its programme's planning defaults. */
export function areaPlanningSettings(db: Db, areaId: number): PlanningSettings {
  const area = areaOfMeeting(db, areaId);
  if (!area) throw notFound('Area', areaId);
  return cycleSettings(db, programmeForArea(db, area).key, { areaKind: area.kind });
}

function cycleName(naming: Naming, settings: PlanningSettings, year: number): string {
  return naming.programmeName ? `${naming.programmeName} ${year}` : `Møder ${year} (${settings.areaKind})`;
}

/**
 * The period starts in the cycle's year and ends in it or, for a programme year such as September
 * to June, in the next one — never more than a year after it starts.
 */
function assertPeriod(settings: PlanningSettings, year: number): void {
  const { periodStart, periodEnd } = settings;
  if (periodStart && !periodStart.startsWith(`${year}-`))
    throw badRequest(`periodStart ${periodStart} is not in ${year}`, [
      { field: 'body.settings.periodStart', message: `must be a date in ${year}` },
    ]);
  if (periodEnd && !periodEnd.startsWith(`${year}-`) && !periodEnd.startsWith(`${year + 1}-`))
    throw badRequest(`periodEnd ${periodEnd} is not in ${year} or ${year + 1}`, [
      { field: 'body.settings.periodEnd', message: `must be a date in ${year} or ${year + 1}` },
    ]);
  const start = periodStart ?? `${year}-01-01`;
  if (periodEnd && periodEnd >= `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`)
    throw badRequest(`The period ${start}–${periodEnd} is longer than a year`, [
      { field: 'body.settings.periodEnd', message: 'must be less than a year after periodStart' },
    ]);
  if (settings.endTime <= settings.startTime)
    throw badRequest('The meetings must end after they start', [
      { field: 'body.settings.endTime', message: 'must be after startTime' },
    ]);
  if (settings.periodStart && settings.periodEnd && settings.periodStart > settings.periodEnd)
    throw badRequest('The period ends before it starts', [
      { field: 'body.settings.periodEnd', message: 'must not be before periodStart' },
    ]);
}

/** Computes a year's plan from the register; nothing is written. */
export function previewYear(db: Db, input: PlanYearInput): PlanPreview {
  const { year } = input;
  const settings = withSeriesTotal(input.settings);
  assertPeriod(settings, year);
  const areas = areasToPlan(db, settings);
  const planInput: PlanInput = {
    year,
    settings,
    areas: plannerAreas(db, areas, year, settings.areaKind),
    facilitators: plannerFacilitators(db, settings, year),
    language: languageOfKind(db, settings.areaKind),
  };
  const result = planCycle(planInput);
  assertPlanned(result);
  const areaById = new Map(areas.map((a) => [a.id, a]));
  const naming = namingOf(db, settings.areaKind);
  const contacts = facilitatorContacts(
    db,
    planInput.facilitators.map((f) => f.id),
  );
  return {
    dryRun: true,
    year,
    areaKind: settings.areaKind,
    name: input.name ?? cycleName(naming, settings, year),
    settings,
    meetings: result.meetings.map((m) =>
      preview(m, year, settings, naming, areaById.get(m.areaId)!, contacts),
    ),
  };
}

/** Plans and saves a cycle in one transaction: all meetings or none. */
export function planYear(db: Db, actor: Actor, context: PlanningContext, sent: PlanYearInput): Cycle {
  const input = { ...sent, settings: withSeriesTotal(sent.settings) };
  return db.transaction(() => {
    const existing = cycleOfYear(db, input.year, input.settings.areaKind);
    if (existing) throw new YearAlreadyPlanned(input.year, input.settings.areaKind, existing.id);
    const plan = previewYear(db, input);
    const now = nowIso();
    const row = insertCycle(db, {
      year: input.year,
      programmeId: programmeOfAreaKind(db, input.settings.areaKind)?.id ?? null,
      areaKind: input.settings.areaKind,
      name: plan.name,
      settings: input.settings,
      createdAt: now,
      updatedAt: now,
    });
    const rows = plan.meetings.map((m) => newMeetingRow(m, row.id, context, now));
    for (const id of insertMeetings(db, rows)) context.changes.announceCreated(db, id);
    recordAudit(db, actor, {
      action: 'plan',
      entity: 'cycle',
      entityId: row.id,
      changes: { year: input.year, settings: input.settings, meetings: rows.length },
    });
    return getCycleById(db, row.id);
  });
}

function toCycle(db: Db, row: CycleRow): Cycle {
  return {
    id: row.id,
    year: row.year,
    areaKind: row.areaKind,
    name: row.name,
    settings: SettingsSchema.parse(row.settings),
    meetings: meetingsOfCycle(db, row.id),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function getCycleById(db: Db, id: number): Cycle {
  const row = cycleById(db, id);
  if (!row) throw notFound('Cycle', id);
  return toCycle(db, row);
}

function cycleRow(db: Db, year: number, kind: string) {
  const row = cycleOfYear(db, year, kind);
  if (!row) throw notFound(`Cycle of kind ${kind} for`, year);
  return row;
}

export function getCycle(db: Db, year: number, kind: string): Cycle {
  return toCycle(db, cycleRow(db, year, kind));
}

/** `programmes`: the caller's scope (scopeParam), null for all. */
export function listCycles(db: Db, programmes: string | null): CycleSummary[] {
  return cycleSummaries(db, programmes);
}

/** One area's re-plan, computed and not yet saved: where each of its open or missing meetings goes. */
interface AreaReplan {
  cycle: CycleRow;
  settings: PlanningSettings;
  area: AreaRow;
  /** The area's meetings that may move (neither held nor cancelled). */
  open: Meeting[];
  planned: MeetingPreview[];
}

type ReplanTarget = { year: number; kind: string; areaId: number };

function computeAreaReplan(db: Db, target: ReplanTarget, input: ReplanArea): AreaReplan {
  const row = cycleRow(db, target.year, target.kind);
  const settings = SettingsSchema.parse(row.settings);
  const areaRow = areaOfKind(db, target.areaId, target.kind);
  if (!areaRow) throw notFound(`Area of kind ${target.kind}`, target.areaId);
  if (input.areaBlackoutDates)
    settings.areaBlackoutDates = {
      ...settings.areaBlackoutDates,
      [String(target.areaId)]: input.areaBlackoutDates,
    };

  const own = meetingsOfCycle(db, row.id).filter((m) => m.areaId === target.areaId);
  const open = own.filter((m) => m.status !== 'cancelled' && m.status !== 'held');
  const held = own.filter((m) => m.status === 'held');
  const sequences = Array.from({ length: settings.meetingsPerArea }, (_, j) => j + 1)
    .filter((seq) => !held.some((m) => m.sequenceInCycle === seq))
    .map((seq) => ({ sequence: seq, near: open.find((m) => m.sequenceInCycle === seq)?.localDate ?? null }));

  const [area] = plannerAreas(db, [areaRow], target.year, target.kind);
  area!.busyDays = held.map((m) => dayOf(m.localDate));
  area!.hostHistory.push(...held.filter((m) => m.host).map((m) => m.host!.id));
  // an area that keeps one facilitator all year keeps them when re-planned
  const keeper = settings.facilitatorPerArea
    ? (settings.areaFacilitatorIds[String(target.areaId)] ?? own.find((m) => m.facilitator)?.facilitator?.id)
    : undefined;
  const facilitators = plannerFacilitators(
    db,
    settings,
    target.year,
    open.map((m) => m.id),
  ).filter((f) => keeper === undefined || f.id === keeper);
  const result = replanArea({
    input: {
      year: target.year,
      settings,
      areas: [area!],
      facilitators,
      language: languageOfKind(db, target.kind),
    },
    area: area!,
    sequences,
  });
  assertPlanned(result);
  const contacts = facilitatorContacts(
    db,
    facilitators.map((f) => f.id),
  );
  const naming = namingOf(db, target.kind);
  const planned = result.meetings.map((p) => preview(p, target.year, settings, naming, areaRow, contacts));
  return { cycle: row, settings, area: areaRow, open, planned };
}

/** Puts an open meeting in its re-planned slot; the change to announce when its time or place moved. */
function moveToPlan(db: Db, current: Meeting, next: MeetingPreview, now: string): MeetingChange | null {
  const before = meetingRow(db, current.id)!;
  const timeChanged = before.startsAt !== next.startsAt || before.endsAt !== next.endsAt;
  const placeChanged =
    before.hostOrganisationId !== (next.host?.id ?? null) ||
    before.venueName !== next.venueName ||
    before.venueId !== next.venueId ||
    before.venueAddress !== next.venueAddress;
  const after = updateMeetingRow(db, before.id, {
    ...plannedColumns(next),
    icsSequence: before.icsSequence + (timeChanged || placeChanged ? 1 : 0),
    version: before.version + 1,
    updatedAt: now,
  });
  if (!timeChanged && !placeChanged) return null;
  return { kind: timeChanged ? 'rescheduled' : 'moved', before, after };
}

/** Saves a computed re-plan; `announce: false` tells nobody (the dry run). */
function saveAreaReplan(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  replan: AreaReplan,
  input: ReplanArea,
  announce: boolean,
): Cycle {
  const now = nowIso();
  for (const next of replan.planned) {
    const current = replan.open.find((m) => m.sequenceInCycle === next.sequenceInCycle);
    if (!current) {
      const [id] = insertMeetings(db, [newMeetingRow(next, replan.cycle.id, context, now)]);
      if (announce) context.changes.announceCreated(db, id!);
      continue;
    }
    const change = moveToPlan(db, current, next, now);
    if (change && announce) context.changes.announceChange(db, change);
  }
  updateCycle(db, replan.cycle.id, {
    settings: replan.settings,
    version: replan.cycle.version + 1,
    updatedAt: now,
  });
  recordAudit(db, actor, {
    action: 'plan',
    entity: 'cycle',
    entityId: replan.cycle.id,
    changes: { replannedArea: replan.area.id, areaBlackoutDates: input.areaBlackoutDates },
  });
  return getCycleById(db, replan.cycle.id);
}

/**
 * Re-plans one area of a cycle on its own: its open meetings move (same id and calendar UID, a
 * raised sequence), cancelled ones are planned anew, held ones stay; every other area is untouched
 * and its meetings count against the facilitators' capacity. A dry run saves the same rows to read
 * the cycle as it would be, tells nobody, and undoes them.
 */
export function replanCycleArea(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  target: ReplanTarget,
  input: ReplanArea,
): Cycle {
  return db.transaction(() => {
    const replan = computeAreaReplan(db, target, input);
    if (input.dryRun) return undone(db, () => saveAreaReplan(db, actor, context, replan, input, false));
    return saveAreaReplan(db, actor, context, replan, input, true);
  });
}
