import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { badRequest } from '../http/problems.ts';
import { programmeForArea, programmeTextLanguage } from '../programmes/programmes.ts';
import { catalogueFor } from '../text/messages.ts';
import { nowIso } from '../time.ts';
import { placeOfVenue } from '../venues/place.ts';
import type { PlanningContext } from './context.ts';
import { cycleSettings, meetingTitle, namingOfProgramme } from './cycles.ts';
import { zonedToUtc } from './days.ts';
import { handPlacedExplanation } from './explanations.ts';
import { findMeeting } from './meetings.ts';
import { areaOfMeeting, insertMeetings, organisationPlace } from './queries.ts';
import { RuleConflict } from './refusals.ts';
import { violationsAt } from './rule-check.ts';
import type { Meeting, NewMeeting } from './schemas.ts';

/** The area a new meeting is for, or a 400 naming the field. */
function areaFor(db: Db, areaId: number) {
  const area = areaOfMeeting(db, areaId);
  if (!area)
    throw badRequest(`No area with id ${areaId}`, [{ field: 'body.areaId', message: 'unknown area' }]);
  return area;
}

/** The place: a venue of the register, else a host, brings its name and address unless the request names others. */
function placeOf(db: Db, input: NewMeeting) {
  if (input.venueId != null) {
    const venue = placeOfVenue(db, input.venueId);
    if (!venue)
      throw badRequest(`Venue ${input.venueId} does not exist`, [
        { field: 'body.venueId', message: 'unknown venue' },
      ]);
    return {
      venueId: venue.venueId,
      hostOrganisationId: input.hostOrganisationId ?? venue.hostOrganisationId,
      venueName: input.venueName !== undefined ? input.venueName : venue.venueName,
      venueAddress: input.venueAddress !== undefined ? input.venueAddress : venue.venueAddress,
    };
  }
  const host = input.hostOrganisationId == null ? null : organisationPlace(db, input.hostOrganisationId);
  if (input.hostOrganisationId != null && !host)
    throw badRequest(`Organisation ${input.hostOrganisationId} does not exist`, [
      { field: 'body.hostOrganisationId', message: 'unknown organisation' },
    ]);
  return {
    hostOrganisationId: input.hostOrganisationId ?? null,
    venueName: input.venueName !== undefined ? input.venueName : (host?.name ?? null),
    venueAddress: input.venueAddress !== undefined ? input.venueAddress : (host?.address ?? null),
  };
}

/**
 * Creates one meeting for one area outside the year's plan (an extra meeting). It is held to the
 * programme's planning rules like a moved meeting: a broken rule is a RuleConflict unless `force`,
 * when it is saved with the warnings. It then takes the same road as a planned meeting: audience,
 * invitations, answers and outcomes.
 */
export function createExtraMeeting(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  input: NewMeeting,
): Meeting {
  return db.transaction(() => {
    const area = areaFor(db, input.areaId);
    const programme = programmeForArea(db, area);
    const settings = cycleSettings(db, programme.key, { areaKind: area.kind });
    const startTime = input.startTime ?? settings.startTime;
    const endTime = input.endTime ?? settings.endTime;
    if (endTime <= startTime)
      throw badRequest('The meeting must end after it starts', [
        { field: input.endTime ? 'body.endTime' : 'body.startTime', message: 'must end after the start' },
      ]);
    if (input.replyBy && input.replyBy >= input.date)
      throw badRequest('The reply deadline must be before the meeting', [
        { field: 'body.replyBy', message: `must be before ${input.date}` },
      ]);
    const year = Number(input.date.slice(0, 4));
    const facilitatorId = input.facilitatorId ?? null;
    const timing = { date: input.date, startTime, endTime };
    const violations = violationsAt(db, { settings, year, areaId: area.id, facilitatorId, ...timing });
    if (violations.length > 0 && !input.force) throw new RuleConflict(violations);

    const language = programmeTextLanguage(db, programme);
    const planned = meetingTitle(namingOfProgramme(programme), year, area.name, 1, 1);
    const now = nowIso();
    const [id] = insertMeetings(db, [
      {
        cycleId: null,
        areaId: area.id,
        title: input.title ?? `${planned} (${catalogueFor(language).planning.extraTitle})`,
        status: 'draft',
        startsAt: zonedToUtc(input.date, startTime, settings.timeZone),
        endsAt: zonedToUtc(input.date, endTime, settings.timeZone),
        timeZone: settings.timeZone,
        ...placeOf(db, input),
        replyBy: input.replyBy ?? null,
        facilitatorId,
        capacity: input.capacity !== undefined ? input.capacity : settings.capacity,
        audienceRoleKeys:
          input.audienceRoleKeys !== undefined ? input.audienceRoleKeys : settings.audienceRoleKeys,
        explanation: handPlacedExplanation('extra', timing, actor.email, violations.length > 0, language),
        warnings: violations.map((v) => v.message),
        icsUid: `${randomUUID()}@${context.icsDomain}`,
        icsSequence: 0,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    context.changes.announceCreated(db, id!);
    recordAudit(db, actor, { action: 'create', entity: 'meeting', entityId: id!, changes: input });
    return findMeeting(db, id!)!;
  });
}
