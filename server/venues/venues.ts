import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound } from '../http/problems.ts';
import type { PlanningContext } from '../planning/context.ts';
import { updateMeeting } from '../planning/meeting-updates.ts';
import { nowIso } from '../time.ts';
import { fullAddress } from './place.ts';
import {
  deleteVenueRow,
  forgetVenueInMeetings,
  insertVenue,
  organisationExists,
  personExists,
  upcomingMeetingsAt,
  updateVenueRow,
  type VenueRecord,
  venuePage,
  venueRecord,
} from './queries.ts';
import type { CreateVenue, UpdateVenue, Venue, VenueList, VenueQuery } from './schemas.ts';

/** The venue register: where meetings are held, with the host and the person there to ask. */

export function toVenue(row: VenueRecord): Venue {
  return {
    id: row.id,
    name: row.name,
    street: row.street,
    postcode: row.postcode,
    town: row.town,
    room: row.room,
    directions: row.directions,
    accessibility: row.accessibility,
    seats: row.seats,
    hostOrganisation:
      row.hostOrganisationId !== null && row.hostOrganisationName !== null
        ? { id: row.hostOrganisationId, name: row.hostOrganisationName }
        : null,
    hostContact:
      row.hostContactId !== null && row.hostContactName !== null
        ? { id: row.hostContactId, name: row.hostContactName, email: row.hostContactEmail ?? '' }
        : null,
    fullAddress: fullAddress(row),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function listVenues(db: Db, query: VenueQuery): VenueList {
  const { rows, total } = venuePage(
    db,
    { q: query.q || null, hostOrganisationId: query.hostOrganisationId ?? null },
    query,
  );
  return { items: rows.map(toVenue), total, limit: query.limit, offset: query.offset };
}

function findRow(db: Db, id: number): VenueRecord {
  const row = venueRecord(db, id);
  if (!row) throw notFound('Venue', id);
  return row;
}

export function getVenue(db: Db, id: number): Venue {
  return toVenue(findRow(db, id));
}

/** The host and its contact person must exist (400 naming the field). */
function assertReferences(db: Db, input: Partial<CreateVenue>) {
  if (input.hostOrganisationId != null && !organisationExists(db, input.hostOrganisationId))
    throw badRequest(`Organisation ${input.hostOrganisationId} does not exist`, [
      { field: 'body.hostOrganisationId', message: 'unknown organisation' },
    ]);
  if (input.hostContactId != null && !personExists(db, input.hostContactId))
    throw badRequest(`Person ${input.hostContactId} does not exist`, [
      { field: 'body.hostContactId', message: 'unknown person' },
    ]);
}

export function createVenue(db: Db, actor: Actor, input: CreateVenue): Venue {
  return db.transaction(() => {
    assertReferences(db, input);
    const now = nowIso();
    const id = insertVenue(db, { ...input, createdAt: now, updatedAt: now });
    recordAudit(db, actor, { action: 'create', entity: 'venue', entityId: id, changes: input });
    return getVenue(db, id);
  });
}

/**
 * Changes a venue. Meetings still to come there take the new name and address at once, as any move
 * of place does: a raised calendar sequence and an update to those already invited.
 */
export function updateVenue(
  db: Db,
  actor: Actor,
  context: PlanningContext,
  id: number,
  input: UpdateVenue,
): Venue {
  return db.transaction(() => {
    const before = findRow(db, id);
    assertVersion('Venue', before.version, input.version);
    const { version: _v, ...fields } = input;
    assertReferences(db, fields);
    const changes = diff(before as unknown as Record<string, unknown>, fields as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return toVenue(before);
    updateVenueRow(db, id, { ...fields, version: before.version + 1, updatedAt: nowIso() });
    recordAudit(db, actor, { action: 'update', entity: 'venue', entityId: id, changes });
    for (const m of upcomingMeetingsAt(db, id, nowIso()))
      updateMeeting(db, actor, context, m.id, { version: m.version, venueId: id, force: false });
    return getVenue(db, id);
  });
}

/** Deletes a venue; meetings that were there keep the name and address they copied. */
export function deleteVenue(db: Db, actor: Actor, id: number): void {
  db.transaction(() => {
    const before = findRow(db, id);
    forgetVenueInMeetings(db, id);
    deleteVenueRow(db, id);
    recordAudit(db, actor, { action: 'delete', entity: 'venue', entityId: id, changes: toVenue(before) });
  });
}
