import type { Db } from '../../db/client.ts';
import type { MeetingStatus } from '../../db/schema/index.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, conflict, NotFound } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import { placeOfVenue } from '../venues/place.ts';
import type { PlanningContext } from './context.ts';
import { areaLanguage, areaPlanningSettings } from './cycles.ts';
import { utcToZoned, zonedToUtc } from './days.ts';
import { handPlacedExplanation } from './explanations.ts';
import type { MeetingRow } from './meeting-changes.ts';
import { findMeeting } from './meetings.ts';
import { cycleById, meetingRow, organisationPlace, personName, updateMeetingRow } from './queries.ts';
import { RuleConflict } from './refusals.ts';
import { violationsAt } from './rule-check.ts';
import type { CancelMeeting, Meeting, SetMeetingStatus, UpdateMeeting } from './schemas.ts';
import { PlanningSettings } from './settings.ts';

function loadRow(db: Db, id: number, version: number): MeetingRow {
  const row = meetingRow(db, id);
  if (!row) throw new NotFound('Meeting', id);
  assertVersion('Meeting', row.version, version);
  return row;
}

/** The rules a meeting is held to: its cycle's, or its area's programme's for a meeting outside any cycle. */
export function settingsOf(db: Db, row: MeetingRow): { settings: PlanningSettings; year: number } {
  const owner = row.cycleId === null ? undefined : cycleById(db, row.cycleId);
  if (owner) return { settings: PlanningSettings.parse(owner.settings), year: owner.year };
  const local = utcToZoned(row.startsAt, row.timeZone);
  return { settings: areaPlanningSettings(db, row.areaId), year: Number(local.date.slice(0, 4)) };
}

/** Where the meeting would be in local time and in UTC after the patch. */
interface Timing {
  date: string;
  startTime: string;
  endTime: string;
  startsAt: string;
  endsAt: string;
}

function timingAfter(before: MeetingRow, patch: UpdateMeeting): Timing {
  const start = utcToZoned(before.startsAt, before.timeZone);
  const date = patch.date ?? start.date;
  const startTime = patch.startTime ?? start.time;
  const endTime = patch.endTime ?? utcToZoned(before.endsAt, before.timeZone).time;
  // no new time asked for: the instants stay as they are (a meeting held as sessions spans days)
  if (patch.date === undefined && patch.startTime === undefined && patch.endTime === undefined)
    return { date, startTime, endTime, startsAt: before.startsAt, endsAt: before.endsAt };
  if (endTime <= startTime)
    throw badRequest('The meeting must end after it starts', [
      { field: patch.endTime ? 'body.endTime' : 'body.startTime', message: 'must end after the start' },
    ]);
  return {
    date,
    startTime,
    endTime,
    startsAt: zonedToUtc(date, startTime, before.timeZone),
    endsAt: zonedToUtc(date, endTime, before.timeZone),
  };
}

/** The columns the patch asks to change; a new host brings its own name and address unless the patch gives others. */
function requestedChanges(db: Db, before: MeetingRow, patch: UpdateMeeting, timing: Timing) {
  const changes: Partial<MeetingRow> = {};
  if (timing.startsAt !== before.startsAt) changes.startsAt = timing.startsAt;
  if (timing.endsAt !== before.endsAt) changes.endsAt = timing.endsAt;
  if (patch.title !== undefined) changes.title = patch.title;
  if (patch.capacity !== undefined) changes.capacity = patch.capacity;
  if (patch.audienceRoleKeys !== undefined) changes.audienceRoleKeys = patch.audienceRoleKeys;
  if (patch.facilitatorId !== undefined) {
    if (patch.facilitatorId !== null && personName(db, patch.facilitatorId) === undefined)
      throw badRequest(`Person ${patch.facilitatorId} does not exist`, [
        { field: 'body.facilitatorId', message: 'unknown person' },
      ]);
    changes.facilitatorId = patch.facilitatorId;
  }
  if (patch.hostOrganisationId !== undefined) {
    changes.hostOrganisationId = patch.hostOrganisationId;
    if (patch.hostOrganisationId !== null) {
      const host = organisationPlace(db, patch.hostOrganisationId);
      if (!host)
        throw badRequest(`Organisation ${patch.hostOrganisationId} does not exist`, [
          { field: 'body.hostOrganisationId', message: 'unknown organisation' },
        ]);
      changes.venueName = host.name;
      changes.venueAddress = host.address;
    }
    // another host: the old host's venue no longer applies unless the patch names one
    if (patch.venueId === undefined) changes.venueId = null;
  }
  if (patch.venueId !== undefined) Object.assign(changes, venueChanges(db, patch.venueId, patch));
  if (patch.replyBy !== undefined) changes.replyBy = patch.replyBy;
  if (patch.venueName !== undefined) changes.venueName = patch.venueName;
  if (patch.venueAddress !== undefined) changes.venueAddress = patch.venueAddress;
  return changes;
}

/** A venue of the register: its copied name and address, and its host unless the patch names another. */
function venueChanges(db: Db, venueId: number | null, patch: UpdateMeeting): Partial<MeetingRow> {
  if (venueId === null) return { venueId: null };
  const place = placeOfVenue(db, venueId);
  if (!place)
    throw badRequest(`Venue ${venueId} does not exist`, [
      { field: 'body.venueId', message: 'unknown venue' },
    ]);
  const { hostOrganisationId, ...copied } = place;
  return {
    ...copied,
    ...(patch.hostOrganisationId === undefined && hostOrganisationId !== null ? { hostOrganisationId } : {}),
  };
}

/** A reply deadline must fall before the meeting's day. */
function assertReplyBy(replyBy: string | null | undefined, meetingDate: string) {
  if (replyBy && replyBy >= meetingDate)
    throw badRequest('The reply deadline must be before the meeting', [
      { field: 'body.replyBy', message: `must be before ${meetingDate}` },
    ]);
}

/** The planning rules the meeting would break at its new time with its (new) facilitator. */
function violationsAfter(db: Db, before: MeetingRow, timing: Timing, facilitatorId: number | null) {
  return violationsAt(db, {
    ...settingsOf(db, before),
    areaId: before.areaId,
    date: timing.date,
    startTime: timing.startTime,
    endTime: timing.endTime,
    facilitatorId,
    meetingId: before.id,
  });
}

/** Saves the changes with a raised version (and calendar sequence for a new time or place), audits and announces them. */
function saveChanges(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  before: MeetingRow,
  changes: Partial<MeetingRow>,
): void {
  const changed = diff(before as unknown as Record<string, unknown>, changes as Record<string, unknown>);
  if (Object.keys(changed).length === 0) return;
  const placeChanged = ['hostOrganisationId', 'venueName', 'venueAddress'].some((k) => k in changed);
  const moved = 'startsAt' in changed || 'endsAt' in changed;
  const after = updateMeetingRow(db, before.id, {
    ...changes,
    icsSequence: before.icsSequence + (moved || placeChanged ? 1 : 0),
    version: before.version + 1,
    updatedAt: nowIso(),
  });
  recordAudit(db, actor, { action: 'update', entity: 'meeting', entityId: before.id, changes: changed });
  if (moved || placeChanged)
    context.changes.announceChange(db, { kind: moved ? 'rescheduled' : 'moved', before, after });
  // not news for the invitees' calendars, but a new capacity moves the waiting list
  else if ('capacity' in changed) context.changes.announceChange(db, { kind: 'details', before, after });
}

/**
 * Moves or edits a meeting. A new date, time or facilitator is checked against the cycle's rules:
 * a broken rule is a RuleConflict, unless `force`, when the meeting is saved with the warnings.
 * A new time or place raises the calendar sequence and is announced, in the same transaction.
 */
export function updateMeeting(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  id: number,
  patch: UpdateMeeting,
): Meeting {
  return db.transaction(() => {
    const before = loadRow(db, id, patch.version);
    if (before.status === 'cancelled' || before.status === 'held')
      throw conflict(`Meeting ${id} is ${before.status} and can no longer be changed`, {
        currentStatus: before.status,
      });
    const timing = timingAfter(before, patch);
    const changes = requestedChanges(db, before, patch, timing);
    assertReplyBy(patch.replyBy, timing.date);
    // moved to or before its own deadline: the deadline falls back to the cycle's days before
    if (patch.replyBy === undefined && before.replyBy && before.replyBy >= timing.date)
      changes.replyBy = null;
    const timeChanged = changes.startsAt !== undefined || changes.endsAt !== undefined;
    const facilitatorChanged =
      changes.facilitatorId !== undefined && changes.facilitatorId !== before.facilitatorId;
    if (timeChanged || facilitatorChanged) {
      const facilitatorId =
        changes.facilitatorId !== undefined ? changes.facilitatorId : before.facilitatorId;
      const violations = violationsAfter(db, before, timing, facilitatorId);
      if (violations.length > 0 && !patch.force) throw new RuleConflict(violations);
      changes.warnings = violations.map((v) => v.message);
      if (timeChanged)
        changes.explanation = handPlacedExplanation(
          'moved',
          timing,
          actor.email,
          violations.length > 0,
          areaLanguage(db, before.areaId),
        );
    }
    saveChanges(db, actor, context, before, changes);
    return findMeeting(db, id)!;
  });
}

/** draft → planned → invited → held; any but held → cancelled. */
const transitions: Record<MeetingStatus, MeetingStatus[]> = {
  draft: ['planned', 'cancelled'],
  planned: ['invited', 'cancelled'],
  invited: ['held', 'cancelled'],
  held: [],
  cancelled: [],
};

export function setMeetingStatus(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  id: number,
  input: SetMeetingStatus,
): Meeting {
  return db.transaction(() => {
    const before = loadRow(db, id, input.version);
    if (!transitions[before.status].includes(input.status))
      throw conflict(
        `A meeting cannot go from ${before.status} to ${input.status} (allowed: ${transitions[before.status].join(', ') || 'none'})`,
        { currentStatus: before.status },
      );
    if (input.status === 'cancelled' && !input.reason)
      throw badRequest('A cancellation needs a reason', [
        { field: 'body.reason', message: 'required when cancelling' },
      ]);
    const now = nowIso();
    const cancelling = input.status === 'cancelled';
    const after = updateMeetingRow(db, id, {
      status: input.status,
      ...(cancelling
        ? { cancelledAt: now, cancelReason: input.reason, icsSequence: before.icsSequence + 1 }
        : {}),
      version: before.version + 1,
      updatedAt: now,
    });
    recordAudit(db, actor, {
      action: 'update',
      entity: 'meeting',
      entityId: id,
      changes: { status: [before.status, input.status], ...(cancelling ? { reason: input.reason } : {}) },
    });
    if (cancelling) context.changes.announceChange(db, { kind: 'cancelled', before, after });
    return findMeeting(db, id)!;
  });
}

export function cancelMeeting(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  id: number,
  input: CancelMeeting,
): Meeting {
  return setMeetingStatus(db, actor, context, id, { ...input, status: 'cancelled' });
}

export function getMeeting(db: Db, id: number): Meeting {
  const found = findMeeting(db, id);
  if (!found) throw new NotFound('Meeting', id);
  return found;
}

/** HH:MM plus minutes, or null when it runs past midnight. */
function laterTime(time: string, minutes: number): string | null {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  if (total >= 24 * 60) return null;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Moves a meeting to another day (and start time), keeping its length: the command line's move,
 * which has no version read beforehand, so it takes the current one.
 */
export function moveMeeting(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  id: number,
  move: { date: string; startTime?: string; force?: boolean },
): Meeting {
  const current = getMeeting(db, id);
  const startTime = move.startTime ?? current.localStartTime;
  const minutes = (Date.parse(current.endsAt) - Date.parse(current.startsAt)) / 60_000;
  const endTime = laterTime(startTime, minutes);
  if (!endTime)
    throw badRequest(`A meeting of ${minutes} minutes starting at ${startTime} would end after midnight`, [
      { field: 'startTime', message: 'too late for the meeting to end the same day' },
    ]);
  return updateMeeting(db, actor, context, id, {
    version: current.version,
    date: move.date,
    startTime,
    endTime,
    force: move.force ?? false,
  });
}
