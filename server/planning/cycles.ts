import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cycle, meeting } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest, conflict, notFound, unprocessable } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import type { PlanningContext } from './context.ts';
import { type DayNumber, dayOf, utcToZoned } from './days.ts';
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
import type { Cycle, CycleSummary, MeetingPreview, PlanPreview, ReplanArea } from './schemas.ts';
import { type PlanningSettings, PlanningSettings as SettingsSchema } from './settings.ts';

export function meetingTitle(kind: string, year: number, areaName: string, sequence: number, k: number) {
  const what = kind === 'police_district' ? 'Politikredsmøde' : 'Møde';
  return `${what} ${year}${k > 1 ? ` (${sequence}/${k})` : ''} – ${areaName}`;
}

interface AreaRow {
  id: number;
  name: string;
  kind: string;
  code: string | null;
}

function areasToPlan(db: Db, settings: PlanningSettings): AreaRow[] {
  const rows = prepared(
    db,
    `SELECT a.id, a.name, a.kind, o.code FROM area a JOIN organisation o ON o.id = a.convener_id
      WHERE a.kind = ? ORDER BY a.name, a.id`,
  ).all(settings.areaKind) as AreaRow[];
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
  const ids = JSON.stringify(areas.map((a) => a.id));
  const hosts = prepared(
    db,
    `SELECT m.area_id AS areaId, o.id, o.name, o.address FROM area_member m
       JOIN organisation o ON o.id = m.organisation_id
      WHERE m.area_id IN (SELECT value FROM json_each(?)) AND m.willing_to_host = 1
        AND m.member_role IN ('convener', 'member')
      ORDER BY m.area_id, m.member_role = 'convener' DESC, o.name, o.id`,
  ).all(ids) as { areaId: number; id: number; name: string; address: string | null }[];
  const earlier = prepared(
    db,
    `SELECT m.area_id AS areaId, m.host_organisation_id AS hostId, m.starts_at AS startsAt,
            m.time_zone AS timeZone, m.sequence_in_cycle AS sequence, c.year, c.area_kind AS kind
       FROM meeting m LEFT JOIN cycle c ON c.id = m.cycle_id
      WHERE m.area_id IN (SELECT value FROM json_each(?)) AND m.status != 'cancelled' AND m.starts_at < ?
      ORDER BY m.starts_at, m.id`,
  ).all(ids, `${year}-01-01`) as {
    areaId: number;
    hostId: number | null;
    startsAt: string;
    timeZone: string;
    sequence: number;
    year: number | null;
    kind: string | null;
  }[];
  const byArea = new Map<number, PlannerArea>(
    areas.map((a) => [a.id, { id: a.id, name: a.name, hosts: [], hostHistory: [], lastDates: [] }]),
  );
  for (const h of hosts) byArea.get(h.areaId)!.hosts.push({ id: h.id, name: h.name, address: h.address });
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

interface FacilitatorRow {
  id: number;
  name: string;
}

/** The cycle's facilitators (named, or every holder of the facilitator role) and their other bookings. */
function plannerFacilitators(
  db: Db,
  settings: PlanningSettings,
  year: number,
  excludeMeetingIds: number[] = [],
): PlannerFacilitator[] {
  let rows: FacilitatorRow[];
  if (settings.facilitatorIds) {
    rows = prepared(
      db,
      'SELECT id, name FROM person WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
    ).all(JSON.stringify(settings.facilitatorIds)) as FacilitatorRow[];
    const found = new Set(rows.map((r) => r.id));
    const unknown = settings.facilitatorIds.filter((id) => !found.has(id));
    if (unknown.length)
      throw badRequest(`No person with id ${unknown.join(', ')}`, [
        { field: 'body.settings.facilitatorIds', message: `unknown person ${unknown.join(', ')}` },
      ]);
  } else {
    rows = prepared(
      db,
      `SELECT p.id, p.name FROM person p JOIN person_role pr ON pr.person_id = p.id
         JOIN role r ON r.id = pr.role_id WHERE r.key = 'facilitator' ORDER BY p.id`,
    ).all() as FacilitatorRow[];
  }
  const bookings = prepared(
    db,
    `SELECT facilitator_id AS facilitatorId, starts_at AS startsAt, time_zone AS timeZone FROM meeting
      WHERE facilitator_id IN (SELECT value FROM json_each(?)) AND status != 'cancelled'
        AND starts_at >= ? AND starts_at < ? AND id NOT IN (SELECT value FROM json_each(?))`,
  ).all(
    JSON.stringify(rows.map((r) => r.id)),
    `${year - 1}-12-01`,
    `${year + 1}-02-01`,
    JSON.stringify(excludeMeetingIds),
  ) as { facilitatorId: number; startsAt: string; timeZone: string }[];
  const booked = new Map<number, DayNumber[]>();
  for (const b of bookings) {
    const list = booked.get(b.facilitatorId) ?? [];
    list.push(dayOf(utcToZoned(b.startsAt, b.timeZone).date));
    booked.set(b.facilitatorId, list);
  }
  return rows.map((r) => ({ id: r.id, name: r.name, bookedDays: booked.get(r.id) ?? [] }));
}

function assertPlanned(result: PlanResult): asserts result is Extract<PlanResult, { ok: true }> {
  if (!result.ok) throw unprocessable(result.detail, { unplaced: result.unplaced });
}

function preview(
  planned: PlannedMeeting,
  year: number,
  settings: PlanningSettings,
  area: AreaRow,
  facilitators: Map<number, { name: string; email: string }>,
): MeetingPreview {
  const facilitator = planned.facilitatorId === null ? null : facilitators.get(planned.facilitatorId)!;
  return {
    areaId: area.id,
    area: { id: area.id, name: area.name, kind: area.kind, districtCode: area.code },
    year,
    sequenceInCycle: planned.sequence,
    title: meetingTitle(area.kind, year, area.name, planned.sequence, settings.meetingsPerArea),
    status: 'draft',
    startsAt: planned.startsAt,
    endsAt: planned.endsAt,
    timeZone: settings.timeZone,
    localDate: planned.date,
    localStartTime: settings.startTime,
    localEndTime: settings.endTime,
    host: planned.host && { id: planned.host.id, name: planned.host.name },
    venueName: planned.host?.name ?? null,
    venueAddress: planned.host?.address ?? null,
    facilitator:
      facilitator && planned.facilitatorId !== null ? { id: planned.facilitatorId, ...facilitator } : null,
    capacity: settings.capacity,
    audienceRoleKeys: settings.audienceRoleKeys,
    explanation: planned.explanation,
    warnings: planned.warnings,
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
    startsAt: preview.startsAt,
    endsAt: preview.endsAt,
    timeZone: preview.timeZone,
    hostOrganisationId: preview.host?.id ?? null,
    venueName: preview.venueName,
    venueAddress: preview.venueAddress,
    facilitatorId: preview.facilitator?.id ?? null,
    capacity: preview.capacity,
    audienceRoleKeys: preview.audienceRoleKeys,
    explanation: preview.explanation,
    warnings: preview.warnings,
    icsUid: `${randomUUID()}@${context.icsDomain}`,
    icsSequence: 0,
    createdAt: now,
    updatedAt: now,
  };
}

function facilitatorContacts(db: Db, ids: number[]): Map<number, { name: string; email: string }> {
  const rows = prepared(
    db,
    'SELECT id, name, email FROM person WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as { id: number; name: string; email: string }[];
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}

export interface PlanYearInput {
  year: number;
  name?: string;
  settings: PlanningSettings;
  dryRun: boolean;
}

function cycleName(settings: PlanningSettings, year: number): string {
  return settings.areaKind === 'police_district'
    ? `Politikredsmøder ${year}`
    : `Møder ${year} (${settings.areaKind})`;
}

function assertPeriod(settings: PlanningSettings, year: number): void {
  for (const key of ['periodStart', 'periodEnd'] as const) {
    const date = settings[key];
    if (date && !date.startsWith(`${year}-`))
      throw badRequest(`${key} ${date} is not in ${year}`, [
        { field: `body.settings.${key}`, message: `must be a date in ${year}` },
      ]);
  }
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
  const { year, settings } = input;
  assertPeriod(settings, year);
  const areas = areasToPlan(db, settings);
  const planInput: PlanInput = {
    year,
    settings,
    areas: plannerAreas(db, areas, year, settings.areaKind),
    facilitators: plannerFacilitators(db, settings, year),
  };
  const result = planCycle(planInput);
  assertPlanned(result);
  const areaById = new Map(areas.map((a) => [a.id, a]));
  const contacts = facilitatorContacts(
    db,
    planInput.facilitators.map((f) => f.id),
  );
  return {
    dryRun: true,
    year,
    areaKind: settings.areaKind,
    name: input.name ?? cycleName(settings, year),
    settings,
    meetings: result.meetings.map((m) => preview(m, year, settings, areaById.get(m.areaId)!, contacts)),
  };
}

/** Plans and saves a cycle in one transaction: all meetings or none. */
export function planYear(db: Db, actor: Actor, context: PlanningContext, input: PlanYearInput): Cycle {
  return db.transaction(() => {
    const existing = db
      .select({ id: cycle.id })
      .from(cycle)
      .where(and(eq(cycle.year, input.year), eq(cycle.areaKind, input.settings.areaKind)))
      .get();
    if (existing)
      throw conflict(`A cycle for ${input.year} (${input.settings.areaKind}) already exists`, {
        cycleId: existing.id,
      });
    const plan = previewYear(db, input);
    const now = nowIso();
    const row = db
      .insert(cycle)
      .values({
        year: input.year,
        areaKind: input.settings.areaKind,
        name: plan.name,
        settings: input.settings,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const rows = plan.meetings.map((m) => newMeetingRow(m, row.id, context, now));
    for (let i = 0; i < rows.length; i += 200) {
      const created = db
        .insert(meeting)
        .values(rows.slice(i, i + 200))
        .returning({ id: meeting.id })
        .all();
      for (const { id } of created) context.changes.announceCreated(db, id);
    }
    recordAudit(db, actor, {
      action: 'plan',
      entity: 'cycle',
      entityId: row.id,
      changes: { year: input.year, settings: input.settings, meetings: rows.length },
    });
    return getCycleById(db, row.id);
  });
}

function toCycle(db: Db, row: typeof cycle.$inferSelect): Cycle {
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
  const row = db.select().from(cycle).where(eq(cycle.id, id)).get();
  if (!row) throw notFound('Cycle', id);
  return toCycle(db, row);
}

function cycleRow(db: Db, year: number, kind: string) {
  const row = db
    .select()
    .from(cycle)
    .where(and(eq(cycle.year, year), eq(cycle.areaKind, kind)))
    .get();
  if (!row) throw notFound(`Cycle of kind ${kind} for`, year);
  return row;
}

export function getCycle(db: Db, year: number, kind: string): Cycle {
  return toCycle(db, cycleRow(db, year, kind));
}

export function listCycles(db: Db): CycleSummary[] {
  return prepared(
    db,
    `SELECT c.id, c.year, c.area_kind AS areaKind, c.name, c.version, c.created_at AS createdAt,
            c.updated_at AS updatedAt, count(m.id) AS meetingCount,
            count(CASE WHEN m.status = 'cancelled' THEN 1 END) AS cancelledCount
       FROM cycle c LEFT JOIN meeting m ON m.cycle_id = c.id
      GROUP BY c.id ORDER BY c.year DESC, c.area_kind`,
  ).all() as CycleSummary[];
}

class DryRunRollback extends Error {
  constructor(readonly result: Cycle) {
    super('dry run');
  }
}

/**
 * Re-plans one area of a cycle on its own: its open meetings move (same id and calendar UID, a
 * raised sequence), cancelled ones are planned anew, held ones stay; every other area is untouched
 * and its meetings count against the facilitators' capacity.
 */
export function replanCycleArea(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  target: { year: number; kind: string; areaId: number },
  input: ReplanArea,
): Cycle {
  try {
    return db.transaction(() => {
      const row = cycleRow(db, target.year, target.kind);
      const settings = SettingsSchema.parse(row.settings);
      const areaRow = prepared(
        db,
        `SELECT a.id, a.name, a.kind, o.code FROM area a JOIN organisation o ON o.id = a.convener_id
          WHERE a.id = ? AND a.kind = ?`,
      ).get(target.areaId, target.kind) as AreaRow | undefined;
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
        .map((seq) => ({
          sequence: seq,
          near: open.find((m) => m.sequenceInCycle === seq)?.localDate ?? null,
        }));

      const [area] = plannerAreas(db, [areaRow], target.year, target.kind);
      area!.busyDays = held.map((m) => dayOf(m.localDate));
      area!.hostHistory.push(...held.filter((m) => m.host).map((m) => m.host!.id));
      const facilitators = plannerFacilitators(
        db,
        settings,
        target.year,
        open.map((m) => m.id),
      );
      const result = replanArea({
        input: { year: target.year, settings, areas: [area!], facilitators },
        area: area!,
        sequences,
      });
      assertPlanned(result);

      const contacts = facilitatorContacts(
        db,
        facilitators.map((f) => f.id),
      );
      const now = nowIso();
      for (const planned of result.meetings) {
        const next = preview(planned, target.year, settings, areaRow, contacts);
        const current = open.find((m) => m.sequenceInCycle === planned.sequence);
        if (!current) {
          const created = db
            .insert(meeting)
            .values(newMeetingRow(next, row.id, context, now))
            .returning({ id: meeting.id })
            .get();
          context.changes.announceCreated(db, created.id);
          continue;
        }
        const before = db.select().from(meeting).where(eq(meeting.id, current.id)).get()!;
        const timeChanged = before.startsAt !== next.startsAt || before.endsAt !== next.endsAt;
        const placeChanged =
          before.hostOrganisationId !== (next.host?.id ?? null) ||
          before.venueName !== next.venueName ||
          before.venueAddress !== next.venueAddress;
        const after = db
          .update(meeting)
          .set({
            startsAt: next.startsAt,
            endsAt: next.endsAt,
            hostOrganisationId: next.host?.id ?? null,
            venueName: next.venueName,
            venueAddress: next.venueAddress,
            facilitatorId: next.facilitator?.id ?? null,
            explanation: next.explanation,
            warnings: next.warnings,
            icsSequence: before.icsSequence + (timeChanged || placeChanged ? 1 : 0),
            version: before.version + 1,
            updatedAt: now,
          })
          .where(eq(meeting.id, before.id))
          .returning()
          .get();
        if ((timeChanged || placeChanged) && !input.dryRun)
          context.changes.announceChange(db, { kind: timeChanged ? 'rescheduled' : 'moved', before, after });
      }
      db.update(cycle)
        .set({ settings, version: row.version + 1, updatedAt: now })
        .where(eq(cycle.id, row.id))
        .run();
      recordAudit(db, actor, {
        action: 'plan',
        entity: 'cycle',
        entityId: row.id,
        changes: { replannedArea: target.areaId, areaBlackoutDates: input.areaBlackoutDates },
      });
      const cycleAfter = getCycleById(db, row.id);
      if (input.dryRun) throw new DryRunRollback(cycleAfter);
      return cycleAfter;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  }
}
