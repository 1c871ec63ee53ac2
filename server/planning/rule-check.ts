import type { Db } from '../../db/client.ts';
import { badRequest } from '../http/problems.ts';
import { dayOf, utcToZoned } from './days.ts';
import { areaMeetingTimes, facilitatorMeetingTimes, personName } from './queries.ts';
import { checkMeeting, type RuleViolation } from './rules.ts';
import type { PlanningSettings } from './settings.ts';

/** A meeting as it would stand after a move or as it would be created, to hold against the rules. */
export interface ProposedMeeting {
  settings: PlanningSettings;
  year: number;
  areaId: number;
  date: string;
  startTime: string;
  endTime: string;
  facilitatorId: number | null;
  /** The meeting itself when it is moved, so it does not clash with where it stands now. */
  meetingId?: number;
}

function daysOf(rows: { startsAt: string; timeZone: string }[]): number[] {
  return rows.map((r) => dayOf(utcToZoned(r.startsAt, r.timeZone).date));
}

/**
 * The planning rules a meeting would break, held against the facilitator's other meetings and every
 * other meeting of its area (whichever cycle, or none: an area never meets twice on one day).
 */
export function violationsAt(db: Db, proposed: ProposedMeeting): RuleViolation[] {
  const { facilitatorId, meetingId = 0 } = proposed;
  const facilitatorName = facilitatorId === null ? undefined : personName(db, facilitatorId);
  if (facilitatorId !== null && facilitatorName === undefined)
    throw badRequest(`Person ${facilitatorId} does not exist`, [
      { field: 'body.facilitatorId', message: 'unknown person' },
    ]);
  return checkMeeting({
    settings: proposed.settings,
    year: proposed.year,
    areaId: proposed.areaId,
    date: proposed.date,
    startTime: proposed.startTime,
    endTime: proposed.endTime,
    facilitatorName,
    facilitatorDays:
      facilitatorId === null ? [] : daysOf(facilitatorMeetingTimes(db, facilitatorId, meetingId)),
    areaDays: daysOf(areaMeetingTimes(db, proposed.areaId, meetingId)),
  });
}
