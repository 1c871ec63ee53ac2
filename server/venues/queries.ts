import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { venue } from '../../db/schema/index.ts';
import { type DbOrTx, prepared } from '../../db/statements.ts';

/** The venue register's SQL, returning typed rows; the rest of the venues domain holds none. */

export type VenueInsert = typeof venue.$inferInsert;

/** A venue with the names of its host and host contact. */
export interface VenueRecord {
  id: number;
  name: string;
  street: string;
  postcode: string;
  town: string;
  room: string | null;
  directions: string | null;
  accessibility: string | null;
  seats: number | null;
  hostOrganisationId: number | null;
  hostOrganisationName: string | null;
  hostContactId: number | null;
  hostContactName: string | null;
  hostContactEmail: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `
  SELECT v.id, v.name, v.street, v.postcode, v.town, v.room, v.directions, v.accessibility, v.seats,
         v.host_organisation_id AS hostOrganisationId, o.name AS hostOrganisationName,
         v.host_contact_id AS hostContactId, p.name AS hostContactName, p.email AS hostContactEmail,
         v.version, v.created_at AS createdAt, v.updated_at AS updatedAt
    FROM venue v
    LEFT JOIN organisation o ON o.id = v.host_organisation_id
    LEFT JOIN person p ON p.id = v.host_contact_id`;

export function venueRecord(db: DbOrTx, id: number): VenueRecord | undefined {
  return prepared<VenueRecord>(db, `${SELECT} WHERE v.id = ?`).get(id);
}

export function venuePage(
  db: Db,
  filter: { q: string | null; hostOrganisationId: number | null },
  page: { limit: number; offset: number },
): { rows: VenueRecord[]; total: number } {
  const where = `WHERE (:q IS NULL OR v.name LIKE :q OR v.street LIKE :q OR v.town LIKE :q)
                   AND (:host IS NULL OR v.host_organisation_id = :host)`;
  const params = {
    q: filter.q === null ? null : `%${filter.q.replace(/[%_]/g, '')}%`,
    host: filter.hostOrganisationId,
  };
  const rows = prepared<VenueRecord>(
    db,
    `${SELECT} ${where} ORDER BY v.name, v.id LIMIT :limit OFFSET :offset`,
  ).all({
    ...params,
    limit: page.limit,
    offset: page.offset,
  });
  const total = prepared<{ n: number }>(db, `SELECT count(*) AS n FROM venue v ${where}`).get(params)!.n;
  return { rows, total };
}

export function insertVenue(db: DbOrTx, values: VenueInsert): number {
  return db.insert(venue).values(values).returning({ id: venue.id }).get().id;
}

export function updateVenueRow(db: DbOrTx, id: number, set: Partial<VenueInsert>): void {
  db.update(venue).set(set).where(eq(venue.id, id)).run();
}

export function deleteVenueRow(db: DbOrTx, id: number): void {
  db.delete(venue).where(eq(venue.id, id)).run();
}

/** Meetings still to come that point at the venue (their copied address follows the venue). */
export function upcomingMeetingsAt(
  db: DbOrTx,
  venueId: number,
  now: string,
): { id: number; version: number }[] {
  return prepared<{ id: number; version: number }>(
    db,
    `SELECT id, version FROM meeting WHERE venue_id = ? AND status NOT IN ('held', 'cancelled') AND ends_at > ?
      ORDER BY id`,
  ).all(venueId, now);
}

/** Lets go of the venue in every meeting (they keep the copied name and address). */
export function forgetVenueInMeetings(db: DbOrTx, venueId: number): void {
  prepared(db, 'UPDATE meeting SET venue_id = NULL WHERE venue_id = ?').run(venueId);
}

export function personExists(db: DbOrTx, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM person WHERE id = ?').get(id) !== undefined;
}

export function organisationExists(db: DbOrTx, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM organisation WHERE id = ?').get(id) !== undefined;
}
